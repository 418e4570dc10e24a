FROM gradle:8.7-jdk21 AS builder
WORKDIR /home/gradle/project
COPY . .
RUN gradle build --no-daemon

FROM eclipse-temurin:21-jre
WORKDIR /home/gradle/project
COPY --from=builder /home/gradle/project/build/libs/service.jar /home/gradle/project/build/libs/service.jar
ENTRYPOINT ["java", "-XX:+UseContainerSupport", "-jar", "build/libs/service.jar"]

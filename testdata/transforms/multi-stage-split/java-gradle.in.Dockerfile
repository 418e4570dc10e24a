FROM gradle:8.7-jdk21
WORKDIR /home/gradle/project
COPY . .
RUN gradle build --no-daemon
ENTRYPOINT ["java", "-XX:+UseContainerSupport", "-jar", "build/libs/service.jar"]

FROM rockylinux:9
RUN dnf install -y java-17-openjdk-headless && dnf clean all
WORKDIR /opt/app
COPY target/app.jar app.jar
CMD ["java", "-jar", "app.jar"]

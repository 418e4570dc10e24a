FROM registry.access.redhat.com/ubi9/ubi-minimal
RUN microdnf install -y shadow-utils java-17-openjdk-headless && microdnf clean all
WORKDIR /opt/app
COPY target/app.jar app.jar
CMD ["java", "-jar", "app.jar"]

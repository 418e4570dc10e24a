FROM registry.access.redhat.com/ubi9/ubi-minimal
RUN microdnf install -y java-17-openjdk-headless && microdnf clean all
COPY target/app.jar /opt/app.jar
CMD ["java", "-jar", "/opt/app.jar"]

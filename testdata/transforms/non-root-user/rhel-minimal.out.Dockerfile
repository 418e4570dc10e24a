FROM registry.access.redhat.com/ubi9/ubi-minimal
RUN microdnf install -y shadow-utils java-17-openjdk-headless && microdnf clean all
WORKDIR /opt/app
RUN groupadd -r app && useradd -r -m -g app --no-log-init app
COPY --chown=app:app target/app.jar app.jar
USER app
CMD ["java", "-jar", "app.jar"]

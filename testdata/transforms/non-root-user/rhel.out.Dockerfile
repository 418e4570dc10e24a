FROM rockylinux:9
RUN dnf install -y java-17-openjdk-headless && dnf clean all
WORKDIR /opt/app
RUN groupadd -r app && useradd -r -m -g app --no-log-init app
COPY --chown=app:app target/app.jar app.jar
USER app
CMD ["java", "-jar", "app.jar"]

FROM debian:bookworm-slim
RUN apt-get update && apt-get install -y curl \
    && curl -fsSL https://example.org/app.tar.gz | tar -xz -C /opt \
    && apt-get purge -y curl && rm -rf /var/lib/apt/lists/*
EXPOSE 8080
CMD ["/opt/app/run"]

FROM debian:bookworm-slim
RUN apt-get update && apt-get install -y --no-install-recommends ca-certificates \
    && rm -rf /var/lib/apt/lists/*
RUN groupadd -r app && useradd -r -m -g app --no-log-init app
COPY app /usr/local/bin/app
USER app
ENTRYPOINT ["/usr/local/bin/app"]

FROM debian:bookworm-slim
RUN apt-get update \
    # the probe needs curl
    && apt-get install -y --no-install-recommends curl \
    && rm -rf /var/lib/apt/lists/*
COPY app /usr/local/bin/app
EXPOSE 8080
HEALTHCHECK --interval=30s --timeout=3s --start-period=10s --retries=3 CMD curl -fsS http://127.0.0.1:8080/ || exit 1
# dfopt ignore=exec-form-cmd
CMD ["app", "--listen", ":8080"]

FROM debian:bookworm-slim
RUN apt-get update \
    # the probe needs curl
    && apt-get install -y --no-install-recommends curl \
    && rm -rf /var/lib/apt/lists/*
COPY app /usr/local/bin/app
EXPOSE 8080
# dfopt ignore=exec-form-cmd
CMD ["app", "--listen", ":8080"]

FROM debian:bookworm-slim
COPY app /usr/local/bin/app
RUN groupadd -r app && useradd -r -m -g app --no-log-init app
USER app
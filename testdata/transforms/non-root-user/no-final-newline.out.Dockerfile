FROM debian:bookworm-slim
RUN groupadd -r app && useradd -r -m -g app --no-log-init app
COPY app /usr/local/bin/app
USER app
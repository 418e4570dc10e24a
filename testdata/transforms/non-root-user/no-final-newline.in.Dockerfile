FROM debian:bookworm-slim
COPY app /usr/local/bin/app
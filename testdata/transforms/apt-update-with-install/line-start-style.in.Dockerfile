FROM debian:bookworm
RUN apt-get update
RUN apt-get install -y \
        curl \
        git \
    && rm -rf /var/lib/apt/lists/*
RUN set -eux \
    && echo done

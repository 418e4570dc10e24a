FROM ubuntu:22.04
RUN apt-get update \
    # tools we need
    && apt-get install -y \
        # a comment between packages
        curl \
        git \
    && rm -rf /var/lib/apt/lists/*

FROM ubuntu:22.04
RUN apt-get update \
    # tools we need
    && apt-get install --no-install-recommends -y \
        # a comment between packages
        curl \
        git ca-certificates \
    && rm -rf /var/lib/apt/lists/*

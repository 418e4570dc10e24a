FROM ubuntu:22.04
RUN apt-get update \
    # tools we need
    && apt-get install -y \
        # a comment between packages
        curl \
        git \
    && apt-get \
        # the flag goes after the subcommand
        autoremove -y \
    && rm -rf /var/lib/apt/lists/*

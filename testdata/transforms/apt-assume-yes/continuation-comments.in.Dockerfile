FROM ubuntu:22.04
RUN apt-get update \
    # tools we need
    && apt-get install \
        # a comment between packages
        curl \
        git \
    && apt-get \
        # the flag goes after the subcommand
        autoremove \
    && rm -rf /var/lib/apt/lists/*

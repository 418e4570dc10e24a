FROM ubuntu:22.04
RUN apt-get update \
    # tools we need
    && apt-get \
        # between the program and the subcommand
        install -y \
        curl \
    && apt-get \
        upgrade --with-new-pkgs -y

FROM ubuntu:22.04
RUN apt update \
    # tools we need
    && apt \
        # between the program and the subcommand
        install -y \
        curl \
    && apt \
        upgrade -y

FROM debian:bookworm
RUN apt-get update
RUN apt-get install -y curl

FROM ubuntu:22.04
RUN apt-get update -qq && apt-get update
RUN DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends \
        git \
        make \
    && rm -rf /var/lib/apt/lists/*

FROM debian AS three
RUN apt update;
RUN apt install -y vim && apt-get clean

FROM debian AS four
RUN --mount=type=cache,target=/var/cache/apt apt-get update
RUN --mount=type=cache,target=/var/cache/apt apt-get install -y make

FROM debian:bookworm
RUN apt-get update && apt-get install -y curl

FROM ubuntu:22.04
RUN apt-get update -qq && apt-get update \
        && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends \
        git \
        make \
    && rm -rf /var/lib/apt/lists/*

FROM debian AS three
RUN apt update && apt install -y vim && apt-get clean

FROM debian AS four
RUN --mount=type=cache,target=/var/cache/apt apt-get update && apt-get install -y make

FROM debian:bookworm AS build
RUN apt-get update && apt-get install -y gcc && \
    rm -rf /var/lib/apt/lists/*
RUN apt-get update && apt-get install -y make && \
    rm -rf /var/lib/apt/lists/*

FROM debian:bookworm
# A later stage does not use this stage's lists.
RUN apt-get update && apt-get install -y curl && \
    rm -rf /var/lib/apt/lists/*

FROM debian:bookworm
RUN apt-get update && apt-get install -y curl && \
    rm -rf /var/lib/apt/lists/*
RUN apt-get update -qq && \
    apt-get install -y git && \
    rm -rf /var/lib/apt/lists/*; # trailing comment stays after the list
ONBUILD RUN apt-get update && apt-get install -y zip && \
    rm -rf /var/lib/apt/lists/*

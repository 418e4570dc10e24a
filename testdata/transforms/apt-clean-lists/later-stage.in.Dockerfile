FROM debian:bookworm AS build
RUN apt-get update && apt-get install -y gcc
RUN apt-get update && apt-get install -y make

FROM debian:bookworm
# A later stage does not use this stage's lists.
RUN apt-get update && apt-get install -y curl

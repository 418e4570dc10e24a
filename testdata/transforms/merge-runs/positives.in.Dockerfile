FROM debian:bookworm
RUN apt-get update
# the tools we need
RUN apt-get install -y curl

RUN echo one && \
    echo two
RUN echo three

FROM alpine AS other
RUN --mount=type=cache,target=/var/cache/apk apk add git
RUN --mount=type=cache,target=/var/cache/apk apk add make
RUN apk add bash

FROM debian:bookworm
RUN apt-get update && \
    # the tools we need
    apt-get install -y curl && \
    echo one && \
    echo two && \
    echo three

FROM alpine AS other
RUN --mount=type=cache,target=/var/cache/apk apk add git && \
    apk add make
RUN apk add bash

FROM debian:bookworm-slim AS build
RUN apt-get update && apt-get install -y curl
SHELL ["/bin/bash", "-o", "pipefail", "-c"]
RUN curl -fsSL https://example.org/key | gpg --dearmor > /usr/share/keyrings/x.gpg
RUN echo a | tee /tmp/a

FROM python:3.12-slim
SHELL ["/bin/bash", "-o", "pipefail", "-c"]
RUN (pip freeze | sort) > /req.txt

FROM alpine:3.19
RUN apk add --no-cache curl | cat
RUN apk add --no-cache bash
SHELL ["/bin/bash", "-o", "pipefail", "-c"]
RUN wget -qO- https://example.org/x | tar xz

FROM node:${NODE_VERSION}-bookworm
SHELL ["/bin/bash", "-o", "pipefail", "-c"]
RUN npm ls | grep x

FROM debian:${DEBIAN_VERSION}
SHELL ["/bin/bash", "-o", "pipefail", "-c"]
RUN a | b

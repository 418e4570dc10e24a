FROM debian:bookworm-slim AS build
RUN apt-get update && apt-get install -y curl
RUN curl -fsSL https://example.org/key | gpg --dearmor > /usr/share/keyrings/x.gpg
RUN echo a | tee /tmp/a

FROM python:3.12-slim
RUN (pip freeze | sort) > /req.txt

FROM alpine:3.19
RUN apk add --no-cache curl | cat
RUN apk add --no-cache bash
RUN wget -qO- https://example.org/x | tar xz

FROM node:${NODE_VERSION}-bookworm
RUN npm ls | grep x

FROM debian:${DEBIAN_VERSION}
RUN a | b

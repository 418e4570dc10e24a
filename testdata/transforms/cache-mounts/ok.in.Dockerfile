# syntax=docker/dockerfile:1.7
FROM debian:12
RUN --mount=type=cache,target=/var/cache/apt,sharing=locked --mount=type=cache,target=/var/lib/apt,sharing=locked \
    apt-get update && apt-get install -y curl

FROM python:3.12
USER app
RUN pip install flask

FROM python:3.12
ENV PIP_NO_CACHE_DIR=1
RUN pip install flask

FROM debian:12
RUN apt-get install -y curl

FROM debian:12
RUN echo hello
RUN ["apt-get", "install", "-y", "curl"]

FROM python:3.12
# dfopt ignore=cache-mounts
RUN pip install flask

FROM debian:12
RUN apt-get update && apt-get install -y curl && rm -rf /var/lib/apt

FROM debian:12 AS lists
RUN apt-get update
RUN apt-get install -y curl

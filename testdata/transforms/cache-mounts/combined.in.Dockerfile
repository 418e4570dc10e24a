FROM alpine:3.19
RUN --mount=type=cache,target=/var/cache/apk,sharing=locked apk add curl
FROM debian:12
RUN --mount=type=cache,target=/var/cache/apt,sharing=locked --mount=type=cache,target=/var/lib/apt,sharing=locked apt-get update && apt-get install -y curl
FROM python:3.12
RUN --mount=type=cache,target=/root/.cache/pip pip install flask
FROM node:20
RUN --mount=type=cache,target=/root/.npm npm ci

FROM python:3.12-slim AS base
FROM node:latest@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef AS web
FROM alpine@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef
FROM scratch
FROM base
COPY --from=web /app /app

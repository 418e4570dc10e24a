# syntax=docker/dockerfile:1
FROM python AS base
RUN pip install --no-cache-dir flask

FROM --platform=$BUILDPLATFORM node:latest AS web
RUN npm ci

FROM docker.io/library/ubuntu
RUN echo hi

from ghcr.io/org/tool:latest as tool

FROM base AS final
COPY --from=web /app /app
COPY --from=tool /bin/tool /bin/tool

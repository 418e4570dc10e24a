FROM python:3.12-slim AS build
ARG APP_VERSION
ARG OTHER=1
RUN pip install --no-cache-dir flask

FROM python:3.12-slim
ENV PYTHONUNBUFFERED=1
COPY --from=build /usr/local /usr/local

FROM debian:bookworm
RUN apt-get update && apt-get install -y --no-install-recommends python3 python3-pip \
    && pip3 install --break-system-packages flask

FROM docker.io/library/python:3.11

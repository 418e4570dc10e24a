FROM python:3.12-slim AS base
ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1
# OK: inherits ENV from its base stage
FROM base AS app
RUN pip install flask
# OK: not a Python stage (python3 without pip, pip without python3 install)
FROM debian:bookworm
RUN apt-get update && apt-get install -y python3
FROM node:20
RUN pip install x
# OK: suppressed
# dfopt ignore=python-env
FROM python:3.12
# OK: set to another value
FROM python:3.12
ENV PYTHONDONTWRITEBYTECODE=0 PYTHONUNBUFFERED=0

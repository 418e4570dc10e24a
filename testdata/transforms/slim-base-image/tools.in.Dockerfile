# curl only in the HEALTHCHECK: a new RUN right after FROM.
FROM python:3.12 AS api
ARG VERSION
RUN pip install --no-cache-dir "api==${VERSION}"
HEALTHCHECK CMD curl -f http://localhost:8000/health || exit 1

# git used after an apt-get install: added to it.
FROM node:20-bookworm AS web
RUN apt-get update \
    # the runtime libraries
    && apt-get install -y --no-install-recommends libvips42 \
    && rm -rf /var/lib/apt/lists/*
RUN git clone https://example.org/theme.git /theme && wget -q https://example.org/x.tgz

# installed before use: nothing to add.
FROM ruby:3.3 AS worker
RUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*
RUN curl -fsSL https://example.org/install.sh | sh

# used before the first apt-get install: a new RUN after FROM.
FROM perl:5.38 AS cron
RUN curl -fsSLo /tmp/x https://example.org/x
RUN apt-get update && apt-get install -y --no-install-recommends cron && rm -rf /var/lib/apt/lists/*

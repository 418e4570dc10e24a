# curl used before the RUN that installs it: both packages are added.
FROM ruby:3.3-slim AS a
RUN apt-get update && apt-get install -y --no-install-recommends curl ca-certificates && rm -rf /var/lib/apt/lists/*
RUN curl -fsSL https://example.org/setup.sh | bash -
RUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*

# gcc, even installed by the stage: no fix (the build may need the full image's -dev libraries).
FROM python:3.12 AS c
RUN apt-get update && apt-get install -y --no-install-recommends gcc libc6-dev && gcc -o /x x.c

# git-core provides git.
FROM python:3.12-slim AS d
RUN apt-get update && apt-get install -y git-core && git clone https://example.org/x.git

# An ONBUILD install runs in other builds: a new RUN is added.
FROM python:3.12-slim AS e
RUN apt-get update && apt-get install -y --no-install-recommends curl ca-certificates && rm -rf /var/lib/apt/lists/*
ONBUILD RUN apt-get update && apt-get install -y curl
RUN curl -fsS https://example.org/

# cmake drives the full image's compiler: no fix.
FROM node:20 AS f
RUN apt-get update && apt-get install -y cmake && cmake -S . -B build

ARG PY=3.12
ARG NODE_IMAGE=node:20
ARG UNKNOWN
FROM python:${PY} AS a
FROM $NODE_IMAGE AS b
RUN gcc --version
FROM python:${UNKNOWN} AS c
FROM python:${PY:-3.12}

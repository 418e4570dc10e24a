# escape=`
FROM python:3.12-slim AS base
RUN echo a `
  && echo b
from node:20.11.1-bookworm-slim

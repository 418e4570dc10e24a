FROM python:3.12 AS build
RUN pip wheel --wheel-dir /wheels -r requirements.txt

FROM node:20 AS assets
RUN npm ci && npm run build

FROM rust:1.75 AS tools
RUN cargo install ripgrep

FROM node:20 AS base
RUN echo base

FROM base AS dev
RUN echo dev

FROM python:3.12
COPY --from=build /wheels /wheels
RUN --mount=from=tools,source=/usr/local/cargo/bin,target=/mnt true
COPY --from=assets /app/dist /static
RUN pip install --no-cache-dir /wheels/*

# syntax=docker/dockerfile:1
FROM debian:12
RUN --mount=type=cache,target=/var/cache/apt,sharing=locked \
    --mount=type=cache,target=/var/lib/apt,sharing=locked \
    rm -f /etc/apt/apt.conf.d/docker-clean && echo 'Binary::apt::APT::Keep-Downloaded-Packages "true";' > /etc/apt/apt.conf.d/keep-cache \
    && apt-get update && apt-get install -y --no-install-recommends curl
RUN --mount=type=cache,target=/var/cache/apt,sharing=locked \
    --mount=type=cache,target=/var/lib/apt,sharing=locked \
    apt-get update && apt-get install -y git

FROM alpine:3.19
RUN --mount=type=cache,target=/var/cache/apk,sharing=locked \
    ln -sfn /var/cache/apk /etc/apk/cache \
    && apk add --update-cache curl

FROM python:3.12
COPY requirements.txt .
RUN --mount=type=cache,target=/root/.cache/pip \
    pip install -r requirements.txt

FROM node:20
RUN --mount=type=cache,target=/root/.npm \
    npm ci
RUN --mount=type=cache,target=/usr/local/share/.cache/yarn \
    yarn install --frozen-lockfile

FROM golang:1.22 AS build
RUN --mount=type=cache,target=/go/pkg/mod \
    go mod download
RUN --mount=type=cache,target=/go/pkg/mod \
    --mount=type=cache,target=/root/.cache/go-build \
    go build -o /out/app ./cmd/app

FROM rust:1.77
RUN --mount=type=cache,target=/usr/local/cargo/registry \
    cargo build --release

FROM maven:3-eclipse-temurin-21
RUN --mount=type=cache,target=/root/.m2 \
    mvn -B package

FROM eclipse-temurin:21
RUN --mount=type=cache,target=/root/.gradle \
    ./gradlew build

FROM debian:12
RUN apt-get update && apt-get install -y --no-install-recommends curl \
    && apt-get clean \
    && rm -rf /var/lib/apt/lists/*
RUN apt-get update && apt-get install -y git && rm -rf /var/lib/apt/lists/*

FROM alpine:3.19
RUN apk add --no-cache curl && rm -rf /var/cache/apk/*

FROM python:3.12
COPY requirements.txt .
RUN pip install --no-cache-dir -r requirements.txt

FROM node:20
RUN npm ci && npm cache clean --force
RUN yarn install --frozen-lockfile

FROM golang:1.22 AS build
RUN go mod download
RUN go build -o /out/app ./cmd/app

FROM rust:1.77
RUN cargo build --release

FROM maven:3-eclipse-temurin-21
RUN mvn -B package

FROM eclipse-temurin:21
RUN ./gradlew build

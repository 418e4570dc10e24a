FROM python:3.12 AS compiles
RUN gcc -o /usr/local/bin/helper helper.c

FROM python:3.12 AS dev-packages
RUN apt-get update && apt-get install -y --no-install-recommends libpq-dev && rm -rf /var/lib/apt/lists/*
RUN pip install --no-cache-dir -r requirements.txt

FROM python:3.12 AS sdist
RUN pip install --no-cache-dir psycopg2==2.9.9

FROM python:3.12@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef AS digest

FROM openjdk:11-jdk AS javac
RUN javac -d /out Main.java

FROM eclipse-temurin:21 AS maven
RUN ./mvnw -q package

FROM openjdk:17 AS oracle
RUN microdnf install -y fontconfig

FROM debian:bookworm AS java
RUN apt-get update && apt-get install -y --no-install-recommends openjdk-17-jre-headless

FROM node:20 AS native
RUN npm install --omit=dev bcrypt@5

FROM ruby:3.3 AS gems
RUN bundle install

FROM perl:5.38 AS cpan
RUN cpanm Plack

FROM rust:1.75 AS cargo
RUN cargo build --release

FROM node:20 AS node-java
RUN apt-get update && apt-get install -y --no-install-recommends default-jre-headless

FROM python:3.12-slim AS java-workaround
RUN mkdir -p /usr/share/man/man1 && apt-get update && apt-get install -y --no-install-recommends openjdk-17-jre-headless

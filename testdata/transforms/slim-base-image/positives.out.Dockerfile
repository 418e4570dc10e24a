# Every stage here is a runtime stage: no other stage builds on it.
FROM python:3.12-slim AS py
RUN pip install --no-cache-dir flask
CMD ["python", "-m", "flask", "run"]

FROM python:3.12-slim-bookworm AS py-suite
FROM python:slim AS py-untagged
FROM python:slim AS py-latest
FROM node:20-slim AS node
FROM node:20-bookworm-slim AS node-suite
FROM node:lts-slim AS node-lts
FROM docker.io/library/ruby:3.3-slim AS ruby
FROM perl:5.38-slim-bookworm AS perl
FROM rust:1.75-slim AS rust
FROM debian:bookworm-slim AS deb
FROM debian:12-slim AS deb-number
FROM debian:bookworm-20240110-slim AS deb-dated
FROM debian:stable-slim AS deb-untagged
FROM openjdk:11-jre AS jdk11
FROM openjdk:8-jre-alpine AS jdk8-alpine
FROM openjdk:11-jre-slim-bullseye AS jdk11-slim
FROM eclipse-temurin:17-jre AS jdk17
FROM eclipse-temurin:21-jre-jammy AS temurin
FROM eclipse-temurin:21-jre AS temurin-plain
FROM eclipse-temurin:8u392-b08-jre-focal AS temurin8
FROM --platform=linux/amd64 python:3.11-slim AS platform

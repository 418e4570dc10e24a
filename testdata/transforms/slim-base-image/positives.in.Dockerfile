# Every stage here is a runtime stage: no other stage builds on it.
FROM python:3.12 AS py
RUN pip install --no-cache-dir flask
CMD ["python", "-m", "flask", "run"]

FROM python:3.12-bookworm AS py-suite
FROM python AS py-untagged
FROM python:latest AS py-latest
FROM node:20 AS node
FROM node:20-bookworm AS node-suite
FROM node:lts AS node-lts
FROM docker.io/library/ruby:3.3 AS ruby
FROM perl:5.38-bookworm AS perl
FROM rust:1.75 AS rust
FROM debian:bookworm AS deb
FROM debian:12 AS deb-number
FROM debian:bookworm-20240110 AS deb-dated
FROM debian AS deb-untagged
FROM openjdk:11-jdk AS jdk11
FROM openjdk:8-jdk-alpine AS jdk8-alpine
FROM openjdk:11-jdk-slim-bullseye AS jdk11-slim
FROM openjdk:17-jdk-slim AS jdk17
FROM eclipse-temurin:21-jdk-jammy AS temurin
FROM eclipse-temurin:21 AS temurin-plain
FROM eclipse-temurin:8u392-b08-jdk-focal AS temurin8
FROM --platform=linux/amd64 python:3.11 AS platform

FROM alpine:3.19
RUN wget -qO- https://example.org/x | tar xz
FROM python:3.12-alpine
RUN pip freeze | sort
FROM gcr.io/distroless/base
RUN a | b
FROM python:${TAG}
RUN a | b
FROM mycompany/debian:12
RUN a | b
FROM scratch
RUN a | b
FROM debian:bookworm AS yes-pipe
RUN curl -fsSL https://example.org/x | sh
RUN yes | sdkmanager --licenses
FROM debian:bookworm AS head-pipe
RUN VERSION=$(curl -fsSL https://example.org/versions | head -n1) && echo "$VERSION"
FROM ubuntu AS grep-pipe
RUN dpkg -l | grep -q curl && echo found

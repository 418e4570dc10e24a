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

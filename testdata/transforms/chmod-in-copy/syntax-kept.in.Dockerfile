# syntax=docker/dockerfile:1.7
# escape=\
FROM debian:bookworm
COPY run.sh /run.sh
RUN chmod 4755 /run.sh

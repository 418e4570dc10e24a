# syntax=docker/dockerfile:1.7
# escape=\
FROM debian:bookworm
COPY --chmod=4755 run.sh /run.sh

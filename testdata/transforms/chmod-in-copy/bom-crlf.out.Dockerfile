# syntax=docker/dockerfile:1
FROM debian
COPY --chmod=0755 a.sh /a.sh

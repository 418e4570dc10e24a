# syntax=docker/dockerfile:1
FROM debian:bookworm
COPY --chmod=755 entrypoint.sh /usr/local/bin/
COPY --chmod=0750 scripts /opt/scripts
RUN ls /opt/scripts

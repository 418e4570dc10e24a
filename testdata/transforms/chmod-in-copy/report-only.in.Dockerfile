# syntax=docker/dockerfile:1.1
FROM debian:bookworm
COPY run.sh /run.sh
RUN chmod 755 /run.sh
FROM debian:bookworm
COPY run2.sh /run2.sh
RUN chmod +x /run2.sh
COPY --chmod=644 a.sh /a.sh
RUN chmod 755 /a.sh

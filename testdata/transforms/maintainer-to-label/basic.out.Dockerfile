FROM debian:bookworm
LABEL org.opencontainers.image.authors="Jane Doe <jane@example.org>"
RUN true

FROM a
RUN true
LABEL org.opencontainers.image.authors="last"
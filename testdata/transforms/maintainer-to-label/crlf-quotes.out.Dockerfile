FROM debian
LABEL org.opencontainers.image.authors="\"quoted\" \$HOME"

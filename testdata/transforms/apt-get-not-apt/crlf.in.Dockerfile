FROM debian
RUN apt update && \
    apt install -y curl

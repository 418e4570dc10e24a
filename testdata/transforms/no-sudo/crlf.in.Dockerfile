FROM debian
RUN apt-get update && \
    sudo -E apt-get install -y curl

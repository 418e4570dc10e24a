FROM debian
RUN apt-get update && apt-get install -y curl &
RUN apt-get update || true && \
    rm -rf /var/lib/apt/lists/*

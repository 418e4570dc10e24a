FROM debian
RUN apt-get update
RUN apt-get install -y \
    curl \
 && rm -rf /var/lib/apt/lists/*

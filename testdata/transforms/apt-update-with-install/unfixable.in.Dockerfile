FROM debian
RUN apt-get update
RUN ["apt-get", "install", "-y", "curl"]

FROM debian
RUN apt-get update
RUN <<EOT
apt-get install -y curl
EOT

FROM debian
RUN apt-get update
RUN apt-get install -y curl || true

FROM debian
RUN apt-get update
RUN apt-get install -y curl; rm -rf /var/lib/apt/lists/*

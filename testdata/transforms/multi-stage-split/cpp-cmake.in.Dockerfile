FROM ubuntu:22.04
ENV DEBIAN_FRONTEND=noninteractive
RUN apt-get update && \
    apt-get install -y --no-install-recommends \
        # the toolchain
        build-essential cmake pkg-config \
        # libraries
        libssl-dev zlib1g-dev ca-certificates tzdata && \
    rm -rf /var/lib/apt/lists/*
WORKDIR /src
COPY . .
RUN cmake -S . -B build -DCMAKE_INSTALL_PREFIX=/opt/server && \
    cmake --build build -j && \
    cmake --install build
EXPOSE 9000
HEALTHCHECK CMD ["/opt/server/bin/server", "--ping"]
CMD ["/opt/server/bin/server"]

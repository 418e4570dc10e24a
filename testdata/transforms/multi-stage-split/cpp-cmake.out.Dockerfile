FROM ubuntu:22.04 AS builder
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

FROM ubuntu:22.04
ENV DEBIAN_FRONTEND=noninteractive
RUN apt-get update && apt-get install -y --no-install-recommends libssl3 zlib1g ca-certificates tzdata && rm -rf /var/lib/apt/lists/*
WORKDIR /src
COPY --from=builder /opt/server/bin/server /opt/server/bin/server
EXPOSE 9000
HEALTHCHECK CMD ["/opt/server/bin/server", "--ping"]
CMD ["/opt/server/bin/server"]

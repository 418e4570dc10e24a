FROM rust:1.77-bookworm AS builder
RUN useradd --system app
WORKDIR /usr/src/app
COPY . .
RUN cargo install --path .

FROM debian:bookworm-slim
RUN apt-get update && apt-get install -y --no-install-recommends ca-certificates && rm -rf /var/lib/apt/lists/*
RUN useradd --system app
WORKDIR /usr/src/app
COPY --from=builder /usr/local/cargo/bin/myapp /usr/local/bin/myapp
USER app
CMD ["myapp"]

FROM debian:bookworm AS builder

RUN apt-get update
RUN apt-get install -y cargo rustc build-essential

WORKDIR /usr/src/rust-wc
COPY . .

RUN cargo build --release
RUN cargo test --release

FROM debian:bookworm-slim
WORKDIR /usr/src/rust-wc
COPY --from=builder /usr/src/rust-wc/target/release/rust-wc /usr/src/rust-wc/target/release/rust-wc

CMD ./target/release/rust-wc

FROM debian:bookworm

RUN apt-get update
RUN apt-get install -y cargo rustc build-essential

WORKDIR /usr/src/rust-wc
COPY . .

RUN cargo build --release
RUN cargo test --release

CMD ./target/release/rust-wc

FROM rust:1.79
WORKDIR /src
COPY Cargo.toml \
# the sources
     src \
     ./
RUN cargo build --release

FROM rust:1.77-bookworm
RUN useradd --system app
WORKDIR /usr/src/app
COPY . .
RUN cargo install --path .
USER app
CMD ["myapp"]

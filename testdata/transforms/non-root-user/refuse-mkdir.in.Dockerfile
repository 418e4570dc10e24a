FROM debian:bookworm-slim
WORKDIR /quickwit
RUN mkdir -p config qwdata
COPY quickwit /usr/local/bin/quickwit
ENTRYPOINT ["quickwit"]

FROM debian:bookworm AS builder

RUN apt-get update && apt-get install -y build-essential

COPY . /usr/src/csvstat
WORKDIR /usr/src/csvstat

RUN make
RUN make check
RUN make install

FROM debian:bookworm-slim
WORKDIR /usr/src/csvstat
COPY --from=builder /usr/local/bin/csvstat /usr/local/bin/csvstat

CMD csvstat

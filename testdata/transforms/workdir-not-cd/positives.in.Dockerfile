FROM golang:1.22 AS build
RUN cd /src/app && go build -o /out/app .
WORKDIR /work
COPY go.mod /work/

FROM debian:bookworm
WORKDIR /opt
RUN cd tool/../bin && ./configure && make \
    && make install

FROM golang:1.22 AS build
WORKDIR /src/app
RUN go build -o /out/app .
WORKDIR /work
COPY go.mod /work/

FROM debian:bookworm
WORKDIR /opt
WORKDIR /opt/bin
RUN ./configure && make \
    && make install

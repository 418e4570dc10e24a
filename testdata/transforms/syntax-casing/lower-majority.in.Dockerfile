from alpine:3.19 AS base
run apk add --no-cache curl
COPY . /app
workdir /app
ONBUILD RUN make
cmd ["./app"]

FROM debian:bookworm AS builder

RUN apt-get update
RUN apt-get install -y golang-go git ca-certificates

WORKDIR /go/src/app
COPY . .

RUN go mod download
RUN CGO_ENABLED=0 go build -o /usr/local/bin/go-api .

FROM scratch
WORKDIR /go/src/app
COPY --from=builder /etc/ssl/certs/ca-certificates.crt /etc/ssl/certs/
COPY --from=builder /usr/local/bin/go-api /usr/local/bin/go-api

EXPOSE 8081
CMD ["/usr/local/bin/go-api"]

from golang:1.22 AS builder
workdir /src
copy . .
run CGO_ENABLED=0 go build -o /usr/local/bin/app . && \
    # strip is not needed
    go test ./...

from scratch
workdir /src
copy --from=builder /etc/ssl/certs/ca-certificates.crt /etc/ssl/certs/
copy --from=builder /usr/local/bin/app /usr/local/bin/app
expose 8080
cmd ["app"]

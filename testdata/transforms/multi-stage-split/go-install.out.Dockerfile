FROM golang:1.22 AS builder
RUN CGO_ENABLED=0 go install github.com/example/tool/cmd/tool@v1.2.3

FROM scratch
COPY --from=builder /etc/ssl/certs/ca-certificates.crt /etc/ssl/certs/
COPY --from=builder /go/bin/tool /usr/local/bin/tool
ENTRYPOINT ["tool"]

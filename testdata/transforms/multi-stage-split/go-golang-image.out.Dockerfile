# syntax=docker/dockerfile:1
FROM golang:1.22 AS builder
LABEL org.opencontainers.image.source="https://example.com/app"
ENV GOFLAGS=-mod=vendor
WORKDIR /app
COPY . .
RUN go vet ./... && CGO_ENABLED=0 go build -trimpath -ldflags="-s -w" -o /app/server ./cmd/server

FROM scratch
ENV GOFLAGS=-mod=vendor
WORKDIR /app
LABEL org.opencontainers.image.source="https://example.com/app"
COPY --from=builder /etc/ssl/certs/ca-certificates.crt /etc/ssl/certs/
COPY --from=builder /app/server /app/server
COPY config.yaml /etc/app/config.yaml
USER 65532:65532
ENTRYPOINT ["/app/server"]
CMD ["--config", "/etc/app/config.yaml"]

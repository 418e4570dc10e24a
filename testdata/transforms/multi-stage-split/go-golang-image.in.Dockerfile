# syntax=docker/dockerfile:1
FROM golang:1.22
LABEL org.opencontainers.image.source="https://example.com/app"
ENV GOFLAGS=-mod=vendor
WORKDIR /app
COPY . .
RUN go vet ./... && go build -trimpath -ldflags="-s -w" -o /app/server ./cmd/server
COPY config.yaml /etc/app/config.yaml
USER 65532:65532
ENTRYPOINT ["/app/server"]
CMD ["--config", "/etc/app/config.yaml"]

ARG GO_VERSION=1.22
FROM golang:${GO_VERSION}-alpine AS builder
ARG APP_PORT=8080
ARG UNUSED=1
ENV PORT=${APP_PORT}
WORKDIR /src
COPY go.mod go.sum ./
RUN go mod download
COPY . .
RUN CGO_ENABLED=0 go build -o app .

FROM scratch
ARG APP_PORT=8080
ENV PORT=${APP_PORT}
WORKDIR /src
COPY --from=builder /etc/ssl/certs/ca-certificates.crt /etc/ssl/certs/
COPY --from=builder /src/app /src/app
EXPOSE ${APP_PORT}
CMD ["./app"]

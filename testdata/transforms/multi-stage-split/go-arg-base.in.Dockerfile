ARG GO_VERSION=1.22
FROM golang:${GO_VERSION}-alpine
ARG APP_PORT=8080
ARG UNUSED=1
ENV PORT=${APP_PORT}
WORKDIR /src
COPY go.mod go.sum ./
RUN go mod download
COPY . .
RUN CGO_ENABLED=0 go build -o app .
EXPOSE ${APP_PORT}
CMD ["./app"]

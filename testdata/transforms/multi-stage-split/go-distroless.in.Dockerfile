FROM golang:1.22-bookworm
WORKDIR /src
COPY . .
RUN go build -o /out/api ./cmd/api
CMD ["/out/api"]

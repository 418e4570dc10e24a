FROM debian:bookworm

RUN apt-get update
RUN apt-get install -y golang-go git ca-certificates

WORKDIR /go/src/app
COPY . .

RUN go mod download
RUN go build -o /usr/local/bin/go-api .

EXPOSE 8081
CMD go-api

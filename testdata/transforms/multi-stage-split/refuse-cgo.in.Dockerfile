FROM golang:1.22
ENV CGO_ENABLED=1
WORKDIR /src
COPY . .
RUN go build -o /usr/local/bin/app .
CMD ["app"]

FROM golang:1.22
WORKDIR /src
COPY . .
RUN go build -o /usr/local/bin/app .
HEALTHCHECK CMD curl -f http://localhost:8080/ || exit 1
CMD ["app"]

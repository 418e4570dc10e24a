FROM golang:1.22 AS base
RUN apt-get update && apt-get install -y make

FROM base
WORKDIR /src
COPY . .
RUN go build -o /usr/local/bin/app .
CMD ["app"]

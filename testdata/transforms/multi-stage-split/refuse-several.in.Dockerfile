FROM golang:1.22
RUN apt-get update && apt-get install -y nodejs npm
WORKDIR /src
COPY . .
RUN cd web && npm ci && npm run build
RUN go build -o /usr/local/bin/app .
CMD ["app"]

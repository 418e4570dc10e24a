from golang:1.22
workdir /src
copy . .
run go build -o /usr/local/bin/app . && \
    # strip is not needed
    go test ./...
expose 8080
cmd ["app"]

from alpine:3.19 as base
run apk add --no-cache curl
copy . /app
workdir /app
onbuild run make
cmd ["./app"]

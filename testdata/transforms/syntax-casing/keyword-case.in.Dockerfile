FROM alpine:3.19
run apk add --no-cache curl
Copy . /app
WORKDIR /app
env A=1
CMD ["./app"]

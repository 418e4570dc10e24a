FROM alpine:3.19
RUN apk add --no-cache curl
COPY . /app
WORKDIR /app
ENV A=1
CMD ["./app"]

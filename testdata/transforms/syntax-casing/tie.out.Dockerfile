FROM alpine:3.19
RUN true
COPY . /app
CMD ["./app"]

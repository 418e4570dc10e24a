from alpine:3.19
run true
COPY . /app
CMD ["./app"]

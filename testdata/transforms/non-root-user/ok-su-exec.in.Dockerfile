FROM alpine:3.20
COPY app /usr/local/bin/app
ENTRYPOINT ["su-exec", "nobody", "/usr/local/bin/app"]

FROM alpine:3.20
RUN mkdir -p /tmp/build && touch /var/log/app.log
COPY app /usr/local/bin/app
ENTRYPOINT ["app"]

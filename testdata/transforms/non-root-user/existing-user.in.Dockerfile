FROM alpine:3.20
RUN apk add --no-cache tini \
 && adduser -D -u 1001 worker
COPY worker.sh /usr/local/bin/worker.sh
ENTRYPOINT ["/sbin/tini", "--", "/usr/local/bin/worker.sh"]

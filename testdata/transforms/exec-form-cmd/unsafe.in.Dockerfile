FROM nginx:1.25
CMD nginx -g 'daemon off;'

FROM docker.io/library/postgres:16@sha256:0000000000000000000000000000000000000000000000000000000000000000
CMD postgres -c max_connections=200

FROM alpine:3.19
ENTRYPOINT ["/entrypoint.sh"]
CMD serve --port 8080

FROM alpine:3.19 AS tool
CMD help
ENTRYPOINT /usr/bin/tool

FROM alpine:3.19 AS with-entrypoint
ENTRYPOINT ["/entrypoint.sh"]

FROM with-entrypoint
CMD serve

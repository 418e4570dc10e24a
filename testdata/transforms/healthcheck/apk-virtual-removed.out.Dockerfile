FROM alpine:3.20
RUN apk add --no-cache --virtual .fetch curl \
    && curl -fsSL https://example.org/app -o /usr/local/bin/app \
    && apk del .fetch
EXPOSE 8080
HEALTHCHECK --interval=30s --timeout=3s --start-period=10s --retries=3 CMD wget -q -O /dev/null http://127.0.0.1:8080/ || exit 1
CMD ["app"]

FROM alpine:3.20
RUN apk add --no-cache --virtual .fetch curl \
    && curl -fsSL https://example.org/app -o /usr/local/bin/app \
    && apk del .fetch
EXPOSE 8080
CMD ["app"]

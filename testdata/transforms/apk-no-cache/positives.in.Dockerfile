FROM alpine:3.19
RUN apk add curl
RUN apk add --virtual .build-deps gcc musl-dev
RUN apk --update add git
RUN apk update && apk add bash
RUN apk update && apk add --no-cache-foo -t deps make && rm -rf /var/cache/apk/*
RUN apk add jq && rm -rf /var/cache/apk/*
RUN apk add a && apk update && rm -rf /var/cache/apk/*
RUN set -ex && apk update && apk upgrade && apk add b && rm -rf /var/cache/apk/*
RUN apk add c && rm -rf /var/cache/apk/* /tmp/*
RUN apk update; apk add d; rm -rf /var/cache/apk/*
RUN sudo apk add e && apk add --no-cache f && apk add g
ONBUILD RUN apk add h
RUN apk update && apk add i && rm -rf /var/cache/apk/*

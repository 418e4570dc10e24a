FROM alpine:3.19
RUN apk add --no-cache curl
RUN apk add --no-cache --virtual .build-deps gcc musl-dev
RUN apk --update add --no-cache git
RUN apk add --no-cache bash
RUN apk add --no-cache --no-cache-foo -t deps make
RUN apk add --no-cache jq
RUN apk add --no-cache a
RUN set -ex && apk update && apk upgrade && apk add --no-cache b && rm -rf /var/cache/apk/*
RUN apk add --no-cache c && rm -rf /var/cache/apk/* /tmp/*
RUN apk update; apk add --no-cache d; rm -rf /var/cache/apk/*
RUN sudo apk add --no-cache e && apk add --no-cache f && apk add --no-cache g
ONBUILD RUN apk add --no-cache h
RUN apk add --no-cache i

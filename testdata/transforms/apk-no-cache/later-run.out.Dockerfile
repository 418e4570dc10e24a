FROM alpine:3.19 AS build
# kept: the apk upgrade of the next RUN reads the index apk update leaves
RUN apk update && apk add --no-cache curl && rm -rf /var/cache/apk/*
RUN apk upgrade

FROM alpine:3.19
# dropped: no later RUN of this stage needs the index
RUN apk add --no-cache curl
RUN apk del curl

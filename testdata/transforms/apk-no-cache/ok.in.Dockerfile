FROM alpine:3.19
# OK: already --no-cache, in both places
RUN apk add --no-cache curl
RUN apk --no-cache add git
# OK: --no-network downloads nothing (and needs the index it reads kept)
RUN apk update && apk add --no-cache --virtual .build gcc && apk add --no-network --virtual .run libgcc && rm -rf /var/cache/apk/*
# OK: not an add
RUN apk update && apk upgrade --no-cache && apk del x
# OK: the cache is on a cache mount
RUN --mount=type=cache,target=/var/cache/apk apk add make
RUN --mount=type=cache,target=/etc/apk/cache apk update && apk add gcc
# OK: exec form and heredoc RUNs are left alone
RUN ["apk", "add", "curl"]
RUN <<EOF
apk add curl
EOF
# dfopt ignore=apk-no-cache
RUN apk add ignored
# hadolint ignore=DL3019
RUN apk add ignored-too

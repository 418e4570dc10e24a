FROM alpine
RUN apk update \
    # build tools
    && apk add \
        # a comment between packages
        gcc \
        make \
    && rm -rf /var/cache/apk/*
RUN apk update \
    # the index is needed by upgrade
    && apk upgrade \
    && apk add curl

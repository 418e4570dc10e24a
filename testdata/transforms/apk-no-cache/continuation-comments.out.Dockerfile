FROM alpine
RUN  \
    # build tools
    apk add --no-cache \
        # a comment between packages
        gcc \
        make
RUN apk update \
    # the index is needed by upgrade
    && apk upgrade \
    && apk add --no-cache curl

FROM alpine:3.19
ENV DEPS \
    # for downloads
    curl \
    # for sources
    git
ENV KEY value \
    # trailing comment
    more

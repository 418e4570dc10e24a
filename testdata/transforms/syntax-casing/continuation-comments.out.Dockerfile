FROM alpine:3.19
ENV \
    # for downloads
    DEPS="curl \
    # for sources
    git"
ENV KEY="value \
    # trailing comment
    more"

FROM alpine:3.19
ENV DEPS="curl \
    git"
ENV ONE="two three"
RUN true
FROM alpine AS x

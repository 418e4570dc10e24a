FROM alpine:3.19
ENV DEPS \
    curl \
    git
ENV ONE two three
run true
FROM alpine as x

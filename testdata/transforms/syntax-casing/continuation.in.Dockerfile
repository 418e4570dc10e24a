FROM alpine:3.19
ENV DEPS \
    curl \
    git \
    make
RUN apk add --no-cache $DEPS
ENV OTHER a \
    b
ENV \
    SPLIT \
    value
LABEL description \
    "one two"
ENV ONEWORD \
    x\
y

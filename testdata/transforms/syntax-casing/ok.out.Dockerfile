FROM alpine:3.19 AS base
ENV A=1 B="two words"
LABEL org.opencontainers.image.title="demo"
ONBUILD RUN make
# dfopt ignore=syntax-casing
ENV LEGACY value here
RUN true

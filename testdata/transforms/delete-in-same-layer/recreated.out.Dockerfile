# The rm goes to the RUN that made the path last; once it is there, an earlier
# creator is no reason to move it again (the later mkdir would stay in the image).
FROM alpine:3.19
RUN mkdir -p /tmp/build
RUN mkdir -p /tmp/build && echo step > /tmp/build/log && \
    rm -rf /tmp/build

FROM alpine:3.19
RUN mkdir -p /tmp/work
RUN mkdir -p /tmp/work && rm -rf /tmp/work

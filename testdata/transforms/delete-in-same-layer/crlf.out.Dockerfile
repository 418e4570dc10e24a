FROM debian
RUN mkdir /build \
    # make a build dir
    && cd /build \
    && rm -rf /build

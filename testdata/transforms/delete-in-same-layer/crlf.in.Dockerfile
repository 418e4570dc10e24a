FROM debian
RUN mkdir /build \
    # make a build dir
    && cd /build
RUN rm -rf /build

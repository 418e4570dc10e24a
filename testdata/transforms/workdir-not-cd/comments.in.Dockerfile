FROM debian:bookworm
  RUN cd /src/app && \
    # build it
    make
RUN cd /src/lib \
    && make
WORKDIR /

FROM debian:bookworm AS second
# build the library
# hadolint ignore=DL3008
RUN cd /src/lib && apt-get install -y make

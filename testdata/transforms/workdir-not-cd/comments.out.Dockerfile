FROM debian:bookworm
  WORKDIR /src/app
  RUN \
    # build it
    make
WORKDIR /src/lib
RUN make
WORKDIR /

FROM debian:bookworm AS second
WORKDIR /src/lib
# build the library
# hadolint ignore=DL3008
RUN apt-get install -y make

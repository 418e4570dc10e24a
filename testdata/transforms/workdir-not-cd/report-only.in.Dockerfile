FROM debian:bookworm
# a later RUN still runs in the old directory
RUN cd /src && make
RUN make -C /src install
# relative, and no WORKDIR known (the base image may set one)
RUN cd src && make
COPY app.conf conf/
# not the first statement of the RUN
RUN apt-get update; cd /tmp && wget https://example.org/x
# no literal path
RUN cd "$HOME" && ls && cd - && cd && ls
CMD ["app"]

FROM debian:bookworm AS base
RUN cd /srv && make

FROM base
RUN echo hi

FROM debian:bookworm
RUN apt-get update
RUN apt-get install -y curl
RUN pip install requests
RUN make install && make check && true
RUN make install
RUN apt-get update && apt-get install -y git
RUN curl -fsSL https://example.org/install.sh | bash -
RUN env FOO=1 make
RUN \
    apt-get install -y make
RUN \
    # a comment inside the continuation
    apt-get install -y gcc
USER root
RUN chown app /app
USER 0:0
RUN chmod 755 /srv

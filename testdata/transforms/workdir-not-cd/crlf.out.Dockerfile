FROM debian
WORKDIR /src
RUN make

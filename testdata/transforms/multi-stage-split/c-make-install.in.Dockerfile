FROM debian:bookworm

RUN apt-get update && apt-get install -y build-essential

COPY . /usr/src/csvstat
WORKDIR /usr/src/csvstat

RUN make
RUN make check
RUN make install

CMD csvstat

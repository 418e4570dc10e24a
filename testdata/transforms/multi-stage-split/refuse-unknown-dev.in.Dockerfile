FROM debian:bookworm
RUN apt-get update && apt-get install -y build-essential libfoo-dev
WORKDIR /src
COPY . .
RUN make && make install
CMD ["foo"]

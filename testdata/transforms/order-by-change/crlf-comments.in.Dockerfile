FROM debian:12
COPY . /app
RUN apt-get update \
    # tools
    && apt-get install -y curl
CMD ["/app/run"]

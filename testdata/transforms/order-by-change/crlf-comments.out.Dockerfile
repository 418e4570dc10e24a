FROM debian:12
RUN apt-get update \
    # tools
    && apt-get install -y curl
COPY . /app
CMD ["/app/run"]

# escape=`
FROM debian:12
COPY . /app

RUN apt-get update `
    && apt-get install -y curl

ENTRYPOINT ["/app/run"]

# escape=`
FROM debian:bookworm
RUN curl -k https://example.org/x -o C:\x && `
    wget --no-check-certificate https://example.org/y

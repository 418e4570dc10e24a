FROM alpine:3.20
COPY script.sh /script.sh

FROM alpine:3.20
RUN addgroup -S app && adduser -S -G app app
COPY script.sh /script.sh
USER app

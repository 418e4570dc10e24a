FROM alpine:3.20
COPY script.sh /script.sh
RUN addgroup -S app && adduser -S -G app app
USER app

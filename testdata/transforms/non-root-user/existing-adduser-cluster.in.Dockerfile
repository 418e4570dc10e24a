FROM alpine:3.20
RUN addgroup -g 1009 rclone && adduser -u 1009 -Ds /bin/sh -G rclone rclone
RUN mkdir /data
ENTRYPOINT ["rclone"]
WORKDIR /data

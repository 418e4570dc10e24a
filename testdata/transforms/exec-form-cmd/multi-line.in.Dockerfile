FROM alpine:3.19
CMD /usr/bin/app \
    --config /etc/app.toml \
    --verbose

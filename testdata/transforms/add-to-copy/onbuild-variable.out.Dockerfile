FROM alpine:3.19
ENV CONF=app.conf
ONBUILD ADD $CONF /etc/
COPY $CONF /etc/

FROM alpine:3.19
ARG SRC=app
ADD $SRC /app/
ENV BASE=/opt/$SRC
ADD ${BASE}/conf /etc/conf
ADD dist/* /opt/
ADD release-? /opt/

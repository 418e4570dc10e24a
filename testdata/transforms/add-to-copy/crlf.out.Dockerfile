FROM alpine:3.19
COPY app.py /app/
COPY \
    conf.d/ /etc/conf.d/
ADD site.tar.gz /srv/

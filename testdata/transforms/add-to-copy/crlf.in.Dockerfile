FROM alpine:3.19
ADD app.py /app/
ADD \
    conf.d/ /etc/conf.d/
ADD site.tar.gz /srv/

FROM alpine
COPY app.conf /etc/

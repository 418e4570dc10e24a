FROM alpine
ARG SRC=app
COPY ${SRC} /app/
COPY *.sh /usr/local/bin/

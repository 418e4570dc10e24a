FROM alpine:3.20
RUN apk add --no-cache python3
WORKDIR /srv/app
COPY --chmod=644 app.py ./
COPY config/ /srv/app/config/
ENTRYPOINT python3 app.py

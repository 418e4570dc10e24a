FROM alpine:3.20
RUN apk add --no-cache python3
WORKDIR /srv/app
RUN addgroup -S app && adduser -S -G app app
COPY --chmod=644 --chown=app:app app.py ./
COPY --chown=app:app config/ /srv/app/config/
USER app
ENTRYPOINT python3 app.py

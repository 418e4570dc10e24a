from alpine:3.20
run apk add --no-cache nodejs
workdir /app
run addgroup -S app && adduser -S -G app app
copy --chown=app:app . .
user app
cmd ["node", "index.js"]

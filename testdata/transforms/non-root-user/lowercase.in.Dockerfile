from alpine:3.20
run apk add --no-cache nodejs
workdir /app
copy . .
cmd ["node", "index.js"]

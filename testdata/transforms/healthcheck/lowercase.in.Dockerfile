from node:20-alpine
copy . /app
expose 3000
cmd ["node", "/app/server.js"]

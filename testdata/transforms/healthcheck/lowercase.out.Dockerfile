from node:20-alpine
copy . /app
expose 3000
healthcheck --interval=30s --timeout=3s --start-period=10s --retries=3 cmd wget -q -O /dev/null http://127.0.0.1:3000/ || exit 1
cmd ["node", "/app/server.js"]

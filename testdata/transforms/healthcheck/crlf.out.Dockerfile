FROM node:20
COPY . /app
# serve
EXPOSE 8080

HEALTHCHECK --interval=30s --timeout=3s --start-period=10s --retries=3 CMD curl -fsS http://127.0.0.1:8080/ || exit 1
# run it
CMD node /app/server.js

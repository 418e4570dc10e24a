FROM node:20
COPY . /app
EXPOSE 443 \
    # plain HTTP for the load balancer
    8081
HEALTHCHECK --interval=30s --timeout=3s --start-period=10s --retries=3 CMD curl -fsS http://127.0.0.1:8081/ || exit 1
CMD ["node", "/app/server.js"]

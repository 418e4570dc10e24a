FROM node:20
COPY . /app
EXPOSE 443 \
    # plain HTTP for the load balancer
    8081
CMD ["node", "/app/server.js"]

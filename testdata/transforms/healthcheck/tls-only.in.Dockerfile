FROM node:20
COPY . /app
EXPOSE 443
CMD ["node", "/app/server.js"]

FROM node:20
EXPOSE 3000
HEALTHCHECK NONE
CMD ["node", "server.js"]

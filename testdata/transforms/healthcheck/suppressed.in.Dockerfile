FROM node:20
# dfopt ignore=healthcheck
EXPOSE 3000
CMD ["node", "server.js"]

FROM node:20
EXPOSE 3000
CMD ["node", "server.js"]

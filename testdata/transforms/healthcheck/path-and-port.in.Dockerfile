FROM node:20
EXPOSE 3000 9229
CMD ["node", "server.js"]

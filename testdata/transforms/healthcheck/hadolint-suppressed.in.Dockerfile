FROM node:20
# hadolint ignore=DL3057
EXPOSE 3000
CMD ["node", "server.js"]

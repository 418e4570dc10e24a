FROM node:20
ENTRYPOINT ["tini", "--"]
EXPOSE 3000
CMD ["node", "server.js"]
LABEL org.opencontainers.image.title=x

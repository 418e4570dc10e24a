FROM node:20
EXPOSE 8080/udp 8000-8010 $UNSET_PORT
CMD ["node", "server.js"]

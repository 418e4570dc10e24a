FROM node:20
COPY ["package.json", "dist", "/app/"]
CMD ["node", "/app/dist/index.js"]

FROM node:20-slim
RUN mkdir -p /usr/src/app
WORKDIR /usr/src/app
COPY --chown=node:node package.json .
RUN npm install --omit=dev
COPY --chown=node:node . .
USER node
# start the server
# (it listens on 3000)
CMD npm start

FROM node:20-slim
RUN mkdir -p /usr/src/app
WORKDIR /usr/src/app
COPY package.json .
RUN npm install --omit=dev
COPY . .
# start the server
# (it listens on 3000)
CMD npm start

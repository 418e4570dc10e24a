FROM node:18-bullseye
WORKDIR /usr/src/app
COPY . .
RUN npm install && npm run build:prod
CMD npm start

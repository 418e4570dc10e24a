FROM node:18-bullseye AS builder
WORKDIR /usr/src/app
COPY . .
RUN npm install && npm run build:prod

FROM node:18-bullseye-slim
WORKDIR /usr/src/app
COPY --from=builder /usr/src/app/package*.json /usr/src/app/
RUN npm install --omit=dev
COPY --from=builder /usr/src/app/build /usr/src/app/build
CMD npm start

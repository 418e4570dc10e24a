FROM node:20 AS build
WORKDIR /src
COPY . .
RUN npm install && npm run build

FROM nginx:alpine
COPY --from=build /src/dist /usr/share/nginx/html

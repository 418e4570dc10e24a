FROM debian:bookworm

RUN apt-get update
RUN apt-get install -y nodejs npm

WORKDIR /usr/src/app
COPY . .

RUN npm install
RUN npm run build

EXPOSE 3000
CMD npm start

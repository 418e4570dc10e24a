FROM node:20 AS lock
WORKDIR /app
COPY package.json package-lock.json ./
# becomes npm ci (unsafe) and gets a clean (safe)
RUN npm install
RUN npm i --omit=dev
# stays npm install: named packages, global, lockfile turned off
RUN npm install express
RUN npm install -g
RUN npm install --no-package-lock

FROM node:20 AS glob
COPY package*.json ./
RUN npm install --production

FROM node:20 AS json
COPY ["*.json", "/app/"]
RUN npm install

FROM node:20 AS subdir
COPY frontend/package-lock.json frontend/package.json /app/
RUN npm install

FROM node:20
# no lockfile copied in this stage: npm install stays
COPY package.json ./
RUN npm install
COPY . .
RUN npm install --prefer-offline

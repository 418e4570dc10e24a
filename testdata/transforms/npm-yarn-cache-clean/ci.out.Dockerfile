FROM node:20 AS lock
WORKDIR /app
COPY package.json package-lock.json ./
# becomes npm ci (unsafe) and gets a clean (safe)
RUN npm ci && \
    npm cache clean --force
RUN npm ci --omit=dev && \
    npm cache clean --force
# stays npm install: named packages, global, lockfile turned off
RUN npm install express && \
    npm cache clean --force
RUN npm install -g && \
    npm cache clean --force
RUN npm install --no-package-lock && \
    npm cache clean --force

FROM node:20 AS glob
COPY package*.json ./
RUN npm ci --production && \
    npm cache clean --force

FROM node:20 AS json
COPY ["*.json", "/app/"]
RUN npm ci && \
    npm cache clean --force

FROM node:20 AS subdir
COPY frontend/package-lock.json frontend/package.json /app/
RUN npm ci && \
    npm cache clean --force

FROM node:20
# no lockfile copied in this stage: npm install stays
COPY package.json ./
RUN npm install && \
    npm cache clean --force
COPY . .
RUN npm install --prefer-offline && \
    npm cache clean --force

# escape=`
FROM node:20
WORKDIR /app
COPY package.json pnpm-lock.yaml* .npmrc* ./
RUN pnpm install `
    --frozen-lockfile
COPY . .
EXPOSE 3000

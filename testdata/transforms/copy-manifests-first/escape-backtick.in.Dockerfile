# escape=`
FROM node:20
WORKDIR /app
COPY . .
RUN pnpm install `
    --frozen-lockfile
EXPOSE 3000

# escape=`
FROM node:20
RUN npm install `
        -g pm2 `
    && yarn install `
    && npm cache clean --force `
    && yarn cache clean

FROM node:20
WORKDIR /app
RUN npm install -g pm2
RUN npm i express
RUN npm add lodash && npm run build
RUN npm update
RUN yarn
RUN yarn install --frozen-lockfile
RUN yarn add react && yarn build
RUN yarn global add serve
RUN yarn --production
RUN npm cache clean --force && npm install -g typescript
RUN sudo npm install -g gulp
RUN npm install -g a; npm install -g b
RUN yarn install && npm install -g c
ONBUILD RUN npm install -g d

FROM node:20
WORKDIR /app
RUN npm install -g pm2 && \
    npm cache clean --force
RUN npm i express && \
    npm cache clean --force
RUN npm add lodash && npm run build && \
    npm cache clean --force
RUN npm update && \
    npm cache clean --force
RUN yarn && \
    yarn cache clean
RUN yarn install --frozen-lockfile && \
    yarn cache clean
RUN yarn add react && yarn build && \
    yarn cache clean
RUN yarn global add serve && \
    yarn cache clean
RUN yarn --production && \
    yarn cache clean
RUN npm cache clean --force && npm install -g typescript && \
    npm cache clean --force
RUN sudo npm install -g gulp && \
    sudo npm cache clean --force
RUN npm install -g a; npm install -g b && \
    npm cache clean --force
RUN yarn install && npm install -g c && \
    yarn cache clean && \
    npm cache clean --force
ONBUILD RUN npm install -g d && \
    npm cache clean --force

FROM node:20
WORKDIR /app
COPY package.json package-lock.json ./
# OK: cleaned after the install, in every spelling
RUN npm ci && npm cache clean --force
RUN npm install -g pm2 && npm cache clear --force
RUN npm install -g nodemon && rm -rf /root/.npm
RUN yarn install && yarn cache clean
RUN yarn add x && rm -rf /usr/local/share/.cache/yarn
# OK: not installs
RUN npm run build && npm test && yarn build && yarn test && npm --version
# OK: the install picks its own cache
RUN npm install -g --cache /tmp/npm-cache eslint
RUN yarn install --cache-folder /tmp/yarn-cache
# OK: the cache is on a cache mount (no ci finding either: `npm ci` already)
RUN --mount=type=cache,target=/root/.npm npm ci
RUN --mount=type=cache,target=/usr/local/share/.cache/yarn yarn install
RUN --mount=type=cache,target=/root/.cache/yarn yarn install
# OK: exec form and heredoc RUNs are left alone
RUN ["npm", "install", "-g", "pm2"]
RUN <<EOF
npm install
EOF
# dfopt ignore=npm-yarn-cache-clean
RUN npm install
# hadolint ignore=DL3060
RUN yarn install

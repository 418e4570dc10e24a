FROM node:20
RUN npm ci \
    # then build
    && npm run build \
    && npm cache clean --force

FROM node:20
WORKDIR /app
COPY . .
RUN yarn install --frozen-lockfile \
    # keep the lockfile
    && yarn cache clean

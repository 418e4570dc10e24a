FROM node:20
WORKDIR /app
COPY package.json yarn.lock* ./
RUN yarn install --frozen-lockfile \
    # keep the lockfile
    && yarn cache clean
COPY . .

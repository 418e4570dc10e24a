FROM debian:bookworm AS builder

RUN apt-get update
RUN apt-get install -y nodejs npm

WORKDIR /usr/src/app
COPY . .

RUN npm install
RUN npm run build && \
    npm prune --omit=dev

FROM debian:bookworm-slim
RUN apt-get update && apt-get install -y --no-install-recommends nodejs npm && rm -rf /var/lib/apt/lists/*
WORKDIR /usr/src/app
COPY --from=builder /usr/src/app /usr/src/app

EXPOSE 3000
CMD npm start

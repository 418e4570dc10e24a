FROM node:20 AS builder
WORKDIR /app
COPY . .
RUN npm ci && npm run build && \
    npm prune --omit=dev

FROM node:20-slim
WORKDIR /app
COPY --from=builder /app /app
CMD ["node", "server.js"]

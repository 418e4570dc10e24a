FROM debian:bookworm AS builder
RUN apt-get update && apt-get install -y nodejs npm ca-certificates
WORKDIR /srv
COPY . .
RUN npm ci && npm run build

FROM debian:bookworm-slim
RUN apt-get update && apt-get install -y --no-install-recommends nodejs npm ca-certificates && rm -rf /var/lib/apt/lists/*
WORKDIR /srv
COPY --from=builder /srv/package*.json /srv/
RUN npm ci --omit=dev
COPY --from=builder /srv/out /srv/out
CMD ["node", "out/main.js"]

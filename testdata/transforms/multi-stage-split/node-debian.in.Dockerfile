FROM debian:bookworm
RUN apt-get update && apt-get install -y nodejs npm ca-certificates
WORKDIR /srv
COPY . .
RUN npm ci && npm run build
CMD ["node", "out/main.js"]

FROM node:20 AS base
EXPOSE 3000
HEALTHCHECK --interval=1m CMD curl -f http://localhost:3000/health || exit 1

FROM base
COPY . /app
CMD ["node", "/app/server.js"]

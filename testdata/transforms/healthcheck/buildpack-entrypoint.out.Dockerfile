FROM node:20
WORKDIR /app
COPY . .
RUN npm ci
EXPOSE 9229 3000
USER node
HEALTHCHECK --interval=30s --timeout=3s --start-period=10s --retries=3 CMD curl -fsS http://127.0.0.1:3000/ || exit 1
ENTRYPOINT ["docker-entrypoint.sh"]
CMD node server.js

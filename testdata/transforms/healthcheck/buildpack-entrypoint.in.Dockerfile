FROM node:20
WORKDIR /app
COPY . .
RUN npm ci
EXPOSE 9229 3000
USER node
ENTRYPOINT ["docker-entrypoint.sh"]
CMD node server.js

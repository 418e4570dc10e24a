FROM node:20
COPY . /app
# serve
EXPOSE 8080

# run it
CMD node /app/server.js

FROM node:20
COPY web/ /app/

FROM node:20 AS dev
EXPOSE 3000
CMD ["npm", "run", "dev"]

FROM nginx:1.27
COPY --from=dev /app/dist /usr/share/nginx/html

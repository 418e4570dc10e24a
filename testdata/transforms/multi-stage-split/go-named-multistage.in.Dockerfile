FROM node:20 AS web
WORKDIR /web
COPY web/ .
RUN npm ci && npm run build

FROM golang:1.22 AS app
WORKDIR /src
COPY . .
COPY --from=web /web/dist ./static
RUN go build -o /usr/local/bin/app .
CMD ["app"]

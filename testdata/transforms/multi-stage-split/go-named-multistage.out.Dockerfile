FROM node:20 AS web
WORKDIR /web
COPY web/ .
RUN npm ci && npm run build

FROM golang:1.22 AS app
WORKDIR /src
COPY . .
COPY --from=web /web/dist ./static
RUN CGO_ENABLED=0 go build -o /usr/local/bin/app .

FROM scratch
WORKDIR /src
COPY --from=app /etc/ssl/certs/ca-certificates.crt /etc/ssl/certs/
COPY --from=app /usr/local/bin/app /usr/local/bin/app
CMD ["app"]

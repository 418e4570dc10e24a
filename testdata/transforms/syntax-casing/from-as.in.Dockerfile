FROM golang:1.22 as build
RUN go build -o /app ./...
FROM alpine:3.19 As runtime
COPY --from=build /app /app
FROM runtime AS final

FROM debian:bookworm-slim AS runtime
RUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*
EXPOSE 8000

FROM golang:1.22 AS build
RUN go build -o /out/app .

FROM runtime
COPY --from=build /out/app /app
CMD ["/app"]

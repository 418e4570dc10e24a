FROM debian:bookworm-slim AS runtime
RUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*
EXPOSE 8000

FROM golang:1.22 AS build
RUN go build -o /out/app .

FROM runtime
COPY --from=build /out/app /app
HEALTHCHECK --interval=30s --timeout=3s --start-period=10s --retries=3 CMD curl -fsS http://127.0.0.1:8000/ || exit 1
CMD ["/app"]

ARG BASE=alpine:3.20
FROM ${BASE}
ARG PORT=8080
ENV PORT=$PORT
RUN apk add --no-cache curl
EXPOSE ${PORT}
HEALTHCHECK --interval=30s --timeout=3s --start-period=10s --retries=3 CMD curl -fsS http://127.0.0.1:8080/ || exit 1
CMD ["/app"]

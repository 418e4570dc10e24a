ARG BASE=alpine:3.20
FROM ${BASE}
ARG PORT=8080
ENV PORT=$PORT
RUN apk add --no-cache curl
EXPOSE ${PORT}
CMD ["/app"]

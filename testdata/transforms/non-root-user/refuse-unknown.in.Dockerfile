ARG BASE=registry.example.com/team/base:1
FROM ${BASE}
COPY app /app
CMD ["/app"]

FROM python:3.12-slim
WORKDIR /app
COPY requirements.txt .
# runtime libraries
RUN apt-get update && apt-get install -y --no-install-recommends libpq5 \
    && rm -rf /var/lib/apt/lists/*
ENV PORT=8000
LABEL org.opencontainers.image.title="app"
RUN useradd --create-home --shell /bin/bash app
EXPOSE 8000
COPY . .
USER app
CMD ["python", "app.py"]

FROM alpine:3.19 AS tools
COPY --from=0 /app /app
COPY scripts /opt/scripts
RUN apk add --no-cache curl \
    && mkdir -p /data/cache \
    && curl -fsSL -o /usr/local/bin/tini https://example.org/tini
ARG VERSION=1.0

FROM debian:12
COPY . /app
ENV DEBIAN_FRONTEND=noninteractive
RUN apt-get update && apt-get install -y curl
RUN make -C /app

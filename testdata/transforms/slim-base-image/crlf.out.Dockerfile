FROM python:3.12-slim
RUN apt-get update && apt-get install -y --no-install-recommends curl ca-certificates && rm -rf /var/lib/apt/lists/*
RUN pip install flask
HEALTHCHECK CMD curl -f http://localhost/ || exit 1

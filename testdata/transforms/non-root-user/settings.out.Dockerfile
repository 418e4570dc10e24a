FROM ubuntu:22.04
RUN apt-get update && apt-get install -y --no-install-recommends python3 \
    && rm -rf /var/lib/apt/lists/*
WORKDIR /app
RUN groupadd -r -g 10001 svc && useradd -r -m -g svc -u 10001 --no-log-init svc
COPY --chown=10001:10001 . .
USER 10001:10001
CMD ["python3", "main.py"]

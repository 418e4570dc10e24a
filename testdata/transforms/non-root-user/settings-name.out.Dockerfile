FROM ubuntu:22.04
RUN apt-get update && apt-get install -y --no-install-recommends python3 \
    && rm -rf /var/lib/apt/lists/*
WORKDIR /app
RUN groupadd -r svc && useradd -r -m -g svc --no-log-init svc
COPY --chown=svc:svc . .
USER svc
CMD ["python3", "main.py"]

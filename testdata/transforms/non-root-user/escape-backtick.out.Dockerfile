# escape=`
FROM debian:bookworm-slim
RUN apt-get update `
 && apt-get install -y --no-install-recommends python3 `
 && rm -rf /var/lib/apt/lists/*
WORKDIR /app
RUN groupadd -r app && useradd -r -m -g app --no-log-init app
COPY --chown=app:app . .
USER app
CMD ["python3", "main.py"]

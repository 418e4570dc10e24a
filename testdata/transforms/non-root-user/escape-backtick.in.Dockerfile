# escape=`
FROM debian:bookworm-slim
RUN apt-get update `
 && apt-get install -y --no-install-recommends python3 `
 && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY . .
CMD ["python3", "main.py"]

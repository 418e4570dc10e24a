# syntax=docker/dockerfile:1
FROM python:3.12-slim
RUN <<EOT
mkdir -p /data
echo "makedirs here" > /data/readme
EOT
CMD ["python", "-m", "http.server"]

FROM python:3.12 AS builder
RUN apt-get update && apt-get install -y gcc
ENV PATH="/opt/venv/bin:$PATH"
RUN python -m venv /opt/venv
WORKDIR /app
COPY . .
RUN [ ! -f requirements.txt ] || pip install -r requirements.txt

FROM python:3.12-slim
WORKDIR /app
ENV PATH="/opt/venv/bin:$PATH"
COPY --from=builder /opt/venv /opt/venv
COPY --from=builder /app /app
CMD ["python", "app.py"]

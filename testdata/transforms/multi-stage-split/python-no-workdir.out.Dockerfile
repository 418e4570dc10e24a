FROM python:3.12 AS builder
RUN apt-get update && apt-get install -y gcc python3-dev libpq-dev
ENV PATH="/opt/venv/bin:$PATH"
RUN python -m venv /opt/venv
COPY requirements.txt .
RUN pip install -r requirements.txt

FROM python:3.12-slim
RUN apt-get update && apt-get install -y --no-install-recommends libpq5 && rm -rf /var/lib/apt/lists/*
ENV PATH="/opt/venv/bin:$PATH"
COPY --from=builder /opt/venv /opt/venv
COPY --from=builder /requirements.txt /requirements.txt
COPY . .
CMD ["python", "app.py"]

FROM python:3.11-alpine AS builder
RUN apk add --no-cache gcc musl-dev postgresql-dev
ENV PATH="/opt/venv/bin:$PATH"
RUN python -m venv /opt/venv
WORKDIR /code
COPY . .
RUN pip install -r requirements.txt

FROM python:3.11-alpine
RUN apk add --no-cache libpq
WORKDIR /code
ENV PATH="/opt/venv/bin:$PATH"
COPY --from=builder /opt/venv /opt/venv
COPY --from=builder /code /code
CMD ["python", "run.py"]

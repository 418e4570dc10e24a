FROM python:3.12-slim AS base
RUN useradd -r app
USER app

FROM base
COPY app.py /app.py
CMD ["python", "/app.py"]

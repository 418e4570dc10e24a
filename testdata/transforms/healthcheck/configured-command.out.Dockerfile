FROM python:3.12-slim
COPY . /app
EXPOSE 8000
HEALTHCHECK --interval=1m30s --timeout=3s CMD python -m app.healthcheck --port 8000
CMD ["python", "-m", "app"]

FROM python:3.12-slim
COPY . /app
EXPOSE 8000
CMD ["python", "-m", "app"]

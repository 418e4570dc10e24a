FROM python:3.12-slim
RUN pip install --no-cache-dir uvicorn fastapi
COPY . /app
EXPOSE 8000
CMD ["uvicorn", "app.main:app", "--host", "0.0.0.0"]

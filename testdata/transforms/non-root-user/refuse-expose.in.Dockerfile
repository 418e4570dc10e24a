FROM python:3.12-slim
COPY app.py /app.py
EXPOSE 8080 80/tcp
CMD ["python", "/app.py"]

FROM python:3.12-slim
ONBUILD COPY . /app
ONBUILD RUN pip install --no-cache-dir -r /app/requirements.txt
CMD ["python", "/app/main.py"]

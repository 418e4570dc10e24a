FROM python:3.12-slim
WORKDIR /app
COPY requirements.txt .
RUN pip install --no-cache-dir -r requirements.txt
# the application
COPY . .
COPY --from=ghcr.io/example/tools:1 /bin/tool /usr/local/bin/tool
EXPOSE 8000
CMD ["python", "app.py"]

FROM python:3.12-slim
WORKDIR /app
RUN groupadd -r app && useradd -r -m -g app --no-log-init app
COPY --chown=app:app requirements.txt .
RUN pip install --no-cache-dir -r requirements.txt
# the application
COPY --chown=app:app . .
COPY --from=ghcr.io/example/tools:1 /bin/tool /usr/local/bin/tool
EXPOSE 8000
USER app
CMD ["python", "app.py"]

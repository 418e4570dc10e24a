FROM python:3.12
COPY requirements.txt /app/

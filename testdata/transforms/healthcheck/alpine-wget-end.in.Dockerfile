FROM python:3.12-alpine
RUN pip install --no-cache-dir flask
COPY app.py /app.py
EXPOSE 5000/tcp

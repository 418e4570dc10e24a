FROM python:3.12-alpine
RUN pip install --no-cache-dir flask
COPY app.py /app.py
EXPOSE 5000/tcp
HEALTHCHECK --interval=30s --timeout=3s --start-period=10s --retries=3 CMD wget -q -O /dev/null http://127.0.0.1:5000/ || exit 1

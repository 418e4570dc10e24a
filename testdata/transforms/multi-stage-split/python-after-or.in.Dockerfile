FROM python:3.12
RUN apt-get update && apt-get install -y gcc
WORKDIR /app
COPY . .
RUN [ ! -f requirements.txt ] || pip install -r requirements.txt
CMD ["python", "app.py"]

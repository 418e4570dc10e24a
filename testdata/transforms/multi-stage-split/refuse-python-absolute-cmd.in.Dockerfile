FROM python:3.12
RUN apt-get update && apt-get install -y gcc
WORKDIR /app
COPY . .
RUN pip install -r requirements.txt
CMD ["/usr/local/bin/gunicorn", "app:app"]

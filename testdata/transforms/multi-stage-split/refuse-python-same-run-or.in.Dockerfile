FROM debian:bookworm
WORKDIR /app
COPY . .
RUN apt-get update && apt-get install -y python3 python3-pip python3-dev gcc && test -f setup.py || pip3 install --break-system-packages -r requirements.txt
CMD ["python3", "-m", "app"]

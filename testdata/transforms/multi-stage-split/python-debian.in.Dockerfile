FROM debian:bookworm
WORKDIR /srv/app
COPY requirements.txt ./
RUN apt-get update && \
    apt-get install -y python3 python3-pip python3-dev build-essential libffi-dev && \
    pip3 install --break-system-packages -r requirements.txt
COPY . .
CMD python3 main.py

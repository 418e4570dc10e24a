FROM debian:bookworm AS builder
WORKDIR /srv/app
COPY requirements.txt ./
ENV PATH="/opt/venv/bin:$PATH"
RUN apt-get update && \
    apt-get install python3-venv -y python3 python3-pip python3-dev build-essential libffi-dev && \
    python3 -m venv --system-site-packages /opt/venv && pip3 install --break-system-packages -r requirements.txt

FROM debian:bookworm-slim
RUN apt-get update && apt-get install -y --no-install-recommends python3 libffi8 && rm -rf /var/lib/apt/lists/*
WORKDIR /srv/app
ENV PATH="/opt/venv/bin:$PATH"
COPY --from=builder /opt/venv /opt/venv
COPY --from=builder /srv/app /srv/app
COPY . .
CMD python3 main.py

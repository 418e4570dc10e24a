FROM ubuntu:24.04 AS base
RUN apt-get update && apt-get install -y --no-install-recommends python3 && rm -rf /var/lib/apt/lists/*
USER root

FROM base
COPY app.py /usr/local/bin/app.py
CMD ["python3", "/usr/local/bin/app.py"]

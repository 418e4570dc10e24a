FROM ubuntu:24.04 AS base
RUN apt-get update && apt-get install -y --no-install-recommends python3 && rm -rf /var/lib/apt/lists/*
USER root

FROM base
RUN groupadd -r app && useradd -r -m -g app --no-log-init app
COPY app.py /usr/local/bin/app.py
USER app
CMD ["python3", "/usr/local/bin/app.py"]

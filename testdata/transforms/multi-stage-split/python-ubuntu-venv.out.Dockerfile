FROM ubuntu:22.04 AS builder
RUN apt-get update && apt-get install -y python3 python3-venv python3-pip python3-dev gcc libxml2-dev
ENV PATH="/opt/venv/bin:$PATH"
RUN python3 -m venv --system-site-packages /opt/venv
WORKDIR /opt/app
COPY . .
RUN python3 -m pip install -r requirements.txt && python3 -m pip install .

FROM ubuntu:22.04
RUN apt-get update && apt-get install -y --no-install-recommends python3 libxml2 && rm -rf /var/lib/apt/lists/*
WORKDIR /opt/app
ENV PATH="/opt/venv/bin:$PATH"
COPY --from=builder /opt/venv /opt/venv
COPY --from=builder /opt/app /opt/app
USER nobody
ENTRYPOINT ["python3", "-m", "myapp"]

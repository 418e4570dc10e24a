FROM ubuntu:22.04
RUN apt-get update && apt-get install -y python3 python3-venv python3-pip python3-dev gcc libxml2-dev
WORKDIR /opt/app
COPY . .
RUN python3 -m pip install -r requirements.txt && python3 -m pip install .
USER nobody
ENTRYPOINT ["python3", "-m", "myapp"]

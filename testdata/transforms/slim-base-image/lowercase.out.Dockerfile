from python:3.12-slim
run apt-get update && apt-get install -y --no-install-recommends wget ca-certificates && rm -rf /var/lib/apt/lists/*
run pip install flask
cmd ["sh", "-c", "wget -qO- http://localhost/"]

from python:3.12
run pip install flask
cmd ["sh", "-c", "wget -qO- http://localhost/"]

FROM python
RUN pip install flask
from node:latest as web

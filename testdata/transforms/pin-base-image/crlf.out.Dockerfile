FROM python:3.12-slim
RUN pip install flask
from node:20.11.1-bookworm-slim as web

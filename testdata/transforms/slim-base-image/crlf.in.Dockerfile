FROM python:3.12
RUN pip install flask
HEALTHCHECK CMD curl -f http://localhost/ || exit 1

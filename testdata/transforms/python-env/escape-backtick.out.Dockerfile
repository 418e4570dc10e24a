# escape=`
FROM python:3.12-windowsservercore
ARG X=1
ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1
RUN pip install `
    flask

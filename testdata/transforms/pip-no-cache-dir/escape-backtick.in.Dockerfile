# escape=`
FROM python:3.12
RUN pip install `
        flask `
    && python -m pip install gunicorn

FROM python:3.12
RUN pip install \
        # the web framework
        flask \
        # and its server
        gunicorn \
    && python -m \
        # a comment among the words
        pip install requests

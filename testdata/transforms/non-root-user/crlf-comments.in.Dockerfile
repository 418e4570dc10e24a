FROM python:3.12-slim
WORKDIR /app
RUN pip install --no-cache-dir \
# the web framework
    flask
# copy the code
COPY . .
CMD python app.py

FROM python:3.12-slim
WORKDIR /app
RUN pip install --no-cache-dir \
# the web framework
    flask
RUN groupadd -r app && useradd -r -m -g app --no-log-init app
# copy the code
COPY --chown=app:app . .
USER app
CMD python app.py

FROM debian
COPY app /app
RUN chown -R app:app /app \
    # then clean
    && rm -rf /tmp/*

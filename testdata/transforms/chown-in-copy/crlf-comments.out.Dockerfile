FROM debian
COPY --chown=app:app app /app
RUN  \
    # then clean
    rm -rf /tmp/*

FROM alpine:3.19
COPY \
# the application
    app.py \
    # its settings
    settings.toml /app/

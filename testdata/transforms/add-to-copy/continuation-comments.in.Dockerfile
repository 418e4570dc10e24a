FROM alpine:3.19
ADD \
# the application
    app.py \
    # its settings
    settings.toml /app/

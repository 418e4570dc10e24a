FROM debian:bookworm
COPY --chown=app:app app /app
# own it
CMD ["app"]

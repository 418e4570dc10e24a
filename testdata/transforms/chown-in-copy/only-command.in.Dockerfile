FROM debian:bookworm
COPY app /app
# own it
RUN chown -R app:app /app \
    # all of it
    ;
CMD ["app"]

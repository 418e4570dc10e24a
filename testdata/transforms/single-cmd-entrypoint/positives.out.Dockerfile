FROM python:3.12-slim AS base
# migrate first
COPY . /app
ENTRYPOINT ["/app/entrypoint.sh"]
HEALTHCHECK NONE
# the real command
CMD ["gunicorn", "app:app"]

FROM base
CMD ["celery", "worker"]

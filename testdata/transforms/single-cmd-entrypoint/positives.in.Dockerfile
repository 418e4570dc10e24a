FROM python:3.12-slim AS base
# migrate first
CMD ["python", "manage.py", "migrate"]
ENTRYPOINT ["/docker-entrypoint.sh"]
HEALTHCHECK --interval=30s CMD curl -f http://localhost/ || exit 1
COPY . /app
CMD python -m http.server \
    8000
ENTRYPOINT ["/app/entrypoint.sh"]
HEALTHCHECK NONE
# the real command
CMD ["gunicorn", "app:app"]

FROM base
CMD ["celery", "worker"]

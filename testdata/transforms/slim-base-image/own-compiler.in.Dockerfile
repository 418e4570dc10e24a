# A compiler the stage installs itself: pip may still need the full image's -dev libraries.
FROM python:3.12
RUN apt-get update && apt-get install -y --no-install-recommends build-essential libpq-dev \
    && rm -rf /var/lib/apt/lists/*
RUN pip install --no-cache-dir psycopg2 && gcc --version

FROM python:3.10 AS a
HEALTHCHECK CMD curl -f http://localhost/ || exit 1

FROM python:3.10 AS b
RUN apt-get update && apt-get install -y --no-install-recommends libxml2

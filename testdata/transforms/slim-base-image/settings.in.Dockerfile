FROM myorg/base:1.4 AS a
FROM myorg/base AS b
FROM python:3.8 AS c
FROM node:20 AS d
FROM python:3.12 AS e
HEALTHCHECK CMD curl -f http://localhost/ || exit 1

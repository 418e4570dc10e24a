FROM myorg/base:1.4-slim AS a
FROM myorg/base:slim AS b
FROM python:3.8-slim-bullseye AS c
FROM node:20 AS d
FROM python:3.12 AS e
HEALTHCHECK CMD curl -f http://localhost/ || exit 1

FROM node:20-slim
WORKDIR /app
# the whole app
COPY . .
# install the dependencies
RUN npm ci --omit=dev && npm cache clean --force
CMD ["node", "server.js"]

FROM python:3.12-slim AS py
WORKDIR /srv
COPY --chown=app:app . /srv
LABEL version=1
RUN pip install --upgrade pip && pip install --no-cache-dir -r requirements.txt -r requirements/prod.txt

FROM golang:1.22 AS go
WORKDIR /src
COPY ./ ./
RUN go mod download

FROM ruby:3.3
WORKDIR /app
COPY . .
RUN bundle config set without development && bundle install
RUN rake assets:precompile

FROM maven:3-eclipse-temurin-21
WORKDIR /build
ADD . /build
RUN ./mvnw -B dependency:go-offline

FROM python:3.12 AS poetry
WORKDIR /code
COPY . .
RUN pip install poetry && poetry config virtualenvs.create false && poetry install --no-root --only main

FROM node:20 AS workdir-after
COPY . /usr/src/app
WORKDIR /usr/src/app
RUN set -eux && npm install --production
EXPOSE 8080

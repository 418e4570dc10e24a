FROM node:20-slim
WORKDIR /app
COPY package.json package-lock.json* .npmrc* ./
# install the dependencies
RUN npm ci --omit=dev && npm cache clean --force
# the whole app
COPY . .
CMD ["node", "server.js"]

FROM python:3.12-slim AS py
WORKDIR /srv
COPY --chown=app:app requirements.txt /srv/
COPY --chown=app:app requirements/prod.txt /srv/requirements/
RUN pip install --upgrade pip && pip install --no-cache-dir -r requirements.txt -r requirements/prod.txt
COPY --chown=app:app . /srv
LABEL version=1

FROM golang:1.22 AS go
WORKDIR /src
COPY go.mod go.sum* ./
RUN go mod download
COPY ./ ./

FROM ruby:3.3
WORKDIR /app
COPY Gemfile Gemfile.lock* ./
RUN bundle config set without development && bundle install
COPY . .
RUN rake assets:precompile

FROM maven:3-eclipse-temurin-21
WORKDIR /build
COPY mvnw pom.xml /build/
COPY .mvn /build/.mvn/
RUN ./mvnw -B dependency:go-offline
ADD . /build

FROM python:3.12 AS poetry
WORKDIR /code
COPY pyproject.toml poetry.lock* ./
RUN pip install poetry && poetry config virtualenvs.create false && poetry install --no-root --only main
COPY . .

FROM node:20 AS workdir-after
COPY package.json package-lock.json* .npmrc* /usr/src/app/
WORKDIR /usr/src/app
RUN set -eux && npm install --production
COPY . /usr/src/app
EXPOSE 8080

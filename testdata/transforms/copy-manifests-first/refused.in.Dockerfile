FROM node:20
WORKDIR /app
COPY . .
RUN npm ci && npm run build

FROM python:3.12
WORKDIR /app
COPY . .
ENV PIP_INDEX_URL=https://example.org/simple
RUN pip install -r requirements.txt

FROM python:3.12
WORKDIR /app
COPY . /srv
RUN pip install -r requirements.txt

FROM rust:1.77
WORKDIR /app
COPY . .
RUN cargo fetch

FROM python:3.12
WORKDIR /app
COPY . .
RUN poetry install

FROM composer:2
WORKDIR /app
COPY . .
RUN composer install --no-dev

FROM node:20
WORKDIR /app
COPY . .
RUN apt-get update && apt-get install -y make
RUN npm install

FROM node:20
COPY . .
WORKDIR /app
RUN npm install

FROM node:20
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci
COPY . .

FROM python:3.12
WORKDIR /app
COPY . .
RUN pip install .
RUN pip install -e .

FROM rust:1.77
WORKDIR /app
COPY . .
RUN cargo build --release

FROM node:20
WORKDIR /app
COPY . .
# dfopt ignore=copy-manifests-first
RUN npm ci

FROM node:20
WORKDIR /app
COPY . .
COPY config/ ./config/
RUN npm ci

FROM node:20
WORKDIR /app
COPY . .
RUN npm install express

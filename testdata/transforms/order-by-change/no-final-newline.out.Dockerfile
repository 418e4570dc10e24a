FROM debian:12
RUN groupadd -r app
COPY . /app

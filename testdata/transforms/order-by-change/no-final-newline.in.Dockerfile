FROM debian:12
COPY . /app
RUN groupadd -r app
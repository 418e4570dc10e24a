FROM postgres:16
RUN apt-get update && apt-get install -y curl
EXPOSE 5432 22 6379 9000

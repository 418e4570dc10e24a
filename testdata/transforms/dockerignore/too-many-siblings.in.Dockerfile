FROM alpine
COPY . /app/

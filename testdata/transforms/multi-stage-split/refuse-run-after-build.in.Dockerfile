FROM golang:1.22
WORKDIR /src
COPY . .
RUN go build -o /usr/local/bin/app .
RUN useradd -r app
USER app
CMD ["app"]

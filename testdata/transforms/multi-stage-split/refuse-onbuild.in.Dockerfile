FROM golang:1.22
ONBUILD COPY . /src
RUN go build -o /usr/local/bin/app .
CMD ["app"]

FROM golang:1.22 AS build
COPY go.mod main.go ./
COPY config.yml keep.yml /etc/app/
COPY secrets/ /run/secrets/
COPY src/*.go ./src/
ADD https://example.com/x.tar.gz /tmp/
RUN --mount=type=bind,source=assets,target=/assets cp -r /assets /out
RUN --mount=type=cache,target=/root/.cache go build -o /app .
FROM scratch
COPY --from=build /app /app

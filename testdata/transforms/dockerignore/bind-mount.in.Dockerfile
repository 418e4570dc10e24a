FROM golang:1.22 AS build
WORKDIR /src
RUN --mount=type=bind,target=. --mount=type=cache,target=/root/.cache/go-build go build -o /out/app .
FROM gcr.io/distroless/static
COPY --from=build /out/app /app

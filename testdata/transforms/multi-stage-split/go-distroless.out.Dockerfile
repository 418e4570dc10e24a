FROM golang:1.22-bookworm AS build
WORKDIR /src
COPY . .
RUN CGO_ENABLED=0 go build -o /out/api ./cmd/api

FROM gcr.io/distroless/static-debian12
WORKDIR /src
COPY --from=build /out/api /out/api
CMD ["/out/api"]

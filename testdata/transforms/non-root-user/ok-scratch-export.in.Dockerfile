FROM golang:1.22 AS build
WORKDIR /src
COPY . .
RUN go build -o /out/tool .

FROM scratch AS export
COPY --from=build /out/tool /

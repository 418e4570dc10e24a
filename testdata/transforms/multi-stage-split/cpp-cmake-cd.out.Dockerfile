FROM debian:bookworm AS builder

RUN apt-get update
RUN apt-get install -y g++ cmake make curl

COPY . /app
WORKDIR /app

RUN mkdir -p build && cd build && cmake .. -DCMAKE_BUILD_TYPE=Release && make

FROM debian:bookworm-slim
RUN apt-get update && apt-get install -y --no-install-recommends curl ca-certificates && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY --from=builder /app/build/fibserver /app/build/fibserver

EXPOSE 8082
CMD ./build/fibserver

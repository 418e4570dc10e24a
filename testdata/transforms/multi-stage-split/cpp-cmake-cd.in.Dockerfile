FROM debian:bookworm

RUN apt-get update
RUN apt-get install -y g++ cmake make curl

COPY . /app
WORKDIR /app

RUN mkdir -p build && cd build && cmake .. -DCMAKE_BUILD_TYPE=Release && make

EXPOSE 8082
CMD ./build/fibserver

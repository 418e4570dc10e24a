FROM debian:bookworm AS builder

RUN apt-get update
RUN apt-get install -y default-jdk curl

WORKDIR /opt/java-notes
COPY . .

RUN ./build.sh

FROM debian:bookworm-slim
RUN mkdir -p /usr/share/man/man1 && apt-get update && apt-get install -y --no-install-recommends default-jre-headless curl ca-certificates && rm -rf /var/lib/apt/lists/*
WORKDIR /opt/java-notes
COPY --from=builder /opt/java-notes/build/java-notes.jar /opt/java-notes/build/java-notes.jar

EXPOSE 8083
CMD java -jar build/java-notes.jar

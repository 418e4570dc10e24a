FROM debian:bookworm AS builder
RUN apt-get update && apt-get install -y default-jdk-headless
WORKDIR /app
COPY src ./src
RUN javac -d classes $(find src -name '*.java') && jar cfe app.jar com.example.Main -C classes .

FROM debian:bookworm-slim
RUN mkdir -p /usr/share/man/man1 && apt-get update && apt-get install -y --no-install-recommends default-jre-headless && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY --from=builder /app/app.jar /app/app.jar
CMD java -jar /app/app.jar

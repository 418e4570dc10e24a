FROM debian:bookworm
RUN apt-get update && apt-get install -y default-jdk-headless
WORKDIR /app
COPY src ./src
RUN javac -d classes $(find src -name '*.java') && jar cfe app.jar com.example.Main -C classes .
CMD java -jar /app/app.jar

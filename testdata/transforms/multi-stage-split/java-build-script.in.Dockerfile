FROM debian:bookworm

RUN apt-get update
RUN apt-get install -y default-jdk curl

WORKDIR /opt/java-notes
COPY . .

RUN ./build.sh

EXPOSE 8083
CMD java -jar build/java-notes.jar

ARG BASE=eclipse-temurin:21-jdk
FROM ${BASE}
COPY pom.xml /src/
COPY src /src/src

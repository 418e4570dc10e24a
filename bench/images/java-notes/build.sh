#!/bin/sh
# Builds build/java-notes.jar with javac and jar (no Maven or Gradle needed).
set -eu
rm -rf build
mkdir -p build/classes
javac --release 17 -d build/classes $(find src/main/java -name '*.java')
jar --create --file build/java-notes.jar --main-class com.example.notes.App -C build/classes .
echo "built build/java-notes.jar"

FROM alpine:3.19
COPY requirements.txt app.py /app/
copy . /src
Copy ./static /srv/static
COPY --chown=app:app --chmod=644 config/ /etc/app/
COPY ["with space.txt", "/dst/"]
COPY --link ["a.json", "b.json", "/cfg/"]
ONBUILD COPY . /app
ENV JAR=app.jar
COPY $JAR ${JAR} /opt/
COPY dist/*.jar /opt/
COPY archive.zip /opt/

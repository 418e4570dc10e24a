FROM alpine:3.19
ADD requirements.txt app.py /app/
add . /src
Add ./static /srv/static
ADD --chown=app:app --chmod=644 config/ /etc/app/
ADD ["with space.txt", "/dst/"]
ADD --link ["a.json", "b.json", "/cfg/"]
ONBUILD ADD . /app
ENV JAR=app.jar
ADD $JAR ${JAR} /opt/
ADD dist/*.jar /opt/
ADD archive.zip /opt/

FROM debian:bookworm
RUN useradd -r app
# broader than the copy
COPY app.py /srv/app/app.py
RUN chown -R app /srv/app
# narrower than the copy
COPY . /srv/app
RUN chown -R app /srv/app/data
# not the first command: useradd may create the user
COPY web /srv/web
RUN useradd -r web && chown -R web /srv/web
# relative destination
WORKDIR /srv
COPY . .
RUN chown -R app:app .
# COPY already has --chown
COPY --chown=root:root x.conf /etc/x.conf
RUN chown app /etc/x.conf
# RUN flags, variables, two paths, other chown options
COPY y /y
RUN --network=none chown -R app /y
COPY z /z
RUN chown -R "$APP_USER" /z
COPY w /w
RUN chown -R app /w /var/log/w
COPY v /v
RUN chown -hR app /v
# a directory copy needs -R
COPY dir /dir
RUN chown app /dir
# an archive ADD is unpacked
ADD app.tar.gz /app
RUN chown -R app /app

FROM debian:bookworm
# OK: unrelated
COPY a /a
RUN chmod -R 755 /b
COPY g.sh /g.sh
# hadolint ignore=DL3003
# dfopt ignore=chmod-in-copy
RUN chmod 755 /g.sh
# OK: a relative path under an unknown WORKDIR (the base image may set one)
COPY setup.sh /postgis/setup.sh
RUN chmod 0755 postgis/setup.sh
# OK: a copy to / does not own everything below it
COPY rootfs/ /
RUN chmod -R 700 /var/lib/redis

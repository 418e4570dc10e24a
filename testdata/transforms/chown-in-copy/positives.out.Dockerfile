FROM debian:bookworm
RUN useradd -r app
COPY --chown=app:app entrypoint.sh /usr/local/bin/entrypoint.sh
COPY --from=builder --chown=app:app /out/ /srv/app/
RUN chmod -R g+w /srv/app
COPY --chown=1000 start.sh /etc/
ADD --link --chown=app config.yml /opt/app/config.yml
RUN echo done
WORKDIR /home/app
COPY --chown=app:app settings.json /home/app/settings.json

FROM debian:bookworm
RUN useradd -r app
COPY entrypoint.sh /usr/local/bin/entrypoint.sh
RUN chown app:app /usr/local/bin/entrypoint.sh
COPY --from=builder /out/ /srv/app/
RUN chown -R app:app /srv/app && chmod -R g+w /srv/app
COPY start.sh /etc/
RUN chown 1000 /etc/start.sh
ADD --link config.yml /opt/app/config.yml
RUN chown -R app /opt/app/config.yml \
    && echo done
WORKDIR /home/app
COPY settings.json /home/app/settings.json
RUN chown app:app /home/app/settings.json

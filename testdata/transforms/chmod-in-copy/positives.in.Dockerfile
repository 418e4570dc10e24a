FROM debian:bookworm
COPY entrypoint.sh /usr/local/bin/
RUN chmod 755 /usr/local/bin/entrypoint.sh
COPY scripts /opt/scripts
RUN chmod -R 0750 /opt/scripts && ls /opt/scripts

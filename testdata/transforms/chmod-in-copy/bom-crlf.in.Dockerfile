FROM debian
COPY a.sh /a.sh
RUN chmod 0755 /a.sh

FROM debian:bookworm-slim
COPY run.sh /usr/local/bin/run.sh
RUN chmod +x /usr/local/bin/run.sh && chmod 755 /usr/local/bin && chmod a+r /usr/local/bin/run.sh
CMD ["run.sh"]

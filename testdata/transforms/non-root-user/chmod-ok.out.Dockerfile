FROM debian:bookworm-slim
RUN groupadd -r app && useradd -r -m -g app --no-log-init app
COPY run.sh /usr/local/bin/run.sh
RUN chmod +x /usr/local/bin/run.sh && chmod 755 /usr/local/bin && chmod a+r /usr/local/bin/run.sh
USER app
CMD ["run.sh"]

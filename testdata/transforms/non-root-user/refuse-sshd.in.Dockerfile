FROM debian:bookworm-slim
COPY start.sh /start.sh
CMD service ssh start && /start.sh

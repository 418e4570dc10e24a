FROM debian:bookworm
USER nobody
CMD ["sleep", "infinity"]
user 0:0

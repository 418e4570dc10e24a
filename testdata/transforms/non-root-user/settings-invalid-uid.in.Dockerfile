FROM debian:bookworm
CMD ["bash"]

FROM debian:bookworm
ARG USERNAME=dev
RUN useradd -m "$USERNAME"
CMD ["bash"]

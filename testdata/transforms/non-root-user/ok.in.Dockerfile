FROM debian:bookworm AS build
RUN echo build

FROM debian:bookworm-slim
RUN useradd -r app
USER app:app
CMD ["bash"]

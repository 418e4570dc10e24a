FROM debian
RUN apt-get update && \
    # fetch it
    curl -fsSLk https://example.org/x \
    | sh

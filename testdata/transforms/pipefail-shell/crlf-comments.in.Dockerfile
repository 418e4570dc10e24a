FROM ubuntu:22.04
# comment
RUN curl -fsSL https://example.org/x \
    # fetch
    | sh

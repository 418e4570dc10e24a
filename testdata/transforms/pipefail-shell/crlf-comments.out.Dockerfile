FROM ubuntu:22.04
SHELL ["/bin/bash", "-o", "pipefail", "-c"]
# comment
RUN curl -fsSL https://example.org/x \
    # fetch
    | sh

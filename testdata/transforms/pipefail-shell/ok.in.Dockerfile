FROM debian:bookworm
# OK: no pipe, or only || and &&
RUN a || b && c
# OK: pipefail set before the pipe
RUN set -o pipefail && a | b
RUN set -euxo pipefail; a | b
# OK: exec form and heredoc
RUN ["sh", "-c", "a | b"]
RUN <<EOF
a | b
EOF
# dfopt ignore=pipefail-shell
RUN a | b
# hadolint ignore=DL4006
RUN c | d
SHELL ["/bin/bash", "-c"]
# OK: a SHELL is in effect
RUN a | b
FROM debian:bookworm AS other
SHELL ["/bin/sh", "-c"]
RUN a | b

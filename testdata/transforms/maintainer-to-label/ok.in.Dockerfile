FROM a
# OK: no MAINTAINER, an ignored one, one in a heredoc
LABEL org.opencontainers.image.authors="x"
# dfopt ignore=maintainer-to-label
MAINTAINER kept
RUN <<EOF
MAINTAINER not an instruction
EOF

FROM debian
RUN { test -f /x || touch /x; } && \
    ( cd /tmp && wget https://example.org/a.tgz ) && \
    ( export A=1 ) && \
    { echo "$A"; echo done; } && \
    { make & } && \
    ( exit 0 ) && \
    echo last

FROM debian:bookworm
# OK: unrelated paths, or not right after the COPY
COPY a /a
RUN chown -R app /b
COPY c /c
ENV X=1
RUN chown -R app /c
# OK: exec form and heredoc
COPY d /d
RUN ["chown", "-R", "app", "/d"]
COPY e /e
RUN <<EOF
chown -R app /e
EOF
# OK: the RUN is in the next stage
COPY f /f
FROM debian:bookworm
RUN chown -R app /f
COPY g.sh /g.sh
# dfopt ignore=chown-in-copy
RUN chown app /g.sh

FROM debian:bookworm
# OK: cd in a subshell or a group, or not leading a chain
RUN (cd /src && make) && make -C /other
RUN { cd /src && make; }
RUN make && cd /tmp && ls
RUN cd /tmp; ls
RUN cd /tmp || exit 1
# OK: exec form and heredoc
RUN ["sh", "-c", "cd /tmp && ls"]
RUN <<EOF
cd /tmp && ls
EOF
# dfopt ignore=workdir-not-cd
RUN cd /ignored && ls
# hadolint ignore=DL3003
RUN cd /ignored-too && ls

FROM debian:bookworm
# OK: used in between
RUN wget https://example.org/a.tgz
RUN tar -xzf a.tgz
RUN rm a.tgz
# OK: deleted in the same RUN already
RUN wget https://example.org/b.tgz && tar -xzf b.tgz && rm b.tgz
# OK: globs and variables
RUN mkdir -p /tmp/c
RUN rm -rf /tmp/c/*
RUN rm -rf $HOME/x
# OK: not created by an earlier RUN of this stage
RUN rm -rf /var/lib/apt/lists/*
# OK: a different WORKDIR changes what the relative path means
RUN touch d.txt
WORKDIR /other
RUN rm d.txt

FROM debian
RUN test -f /x || touch /x
RUN cd /tmp && wget https://example.org/a.tgz
RUN export A=1
RUN echo "$A"; echo done
RUN make &
RUN exit 0
RUN echo last

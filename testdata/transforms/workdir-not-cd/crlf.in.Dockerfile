FROM debian
RUN cd /src && \
    make

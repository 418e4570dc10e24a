FROM debian
RUN echo a && \
    echo b
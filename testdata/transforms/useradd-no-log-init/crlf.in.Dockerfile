FROM debian
RUN useradd \
    -u 100000 app

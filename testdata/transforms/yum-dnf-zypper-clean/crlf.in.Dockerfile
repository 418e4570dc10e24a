FROM fedora
RUN dnf install \
        gcc \
        make

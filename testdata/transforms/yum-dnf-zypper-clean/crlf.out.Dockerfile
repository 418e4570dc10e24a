FROM fedora
RUN dnf install -y \
        gcc \
        make && \
        dnf clean all

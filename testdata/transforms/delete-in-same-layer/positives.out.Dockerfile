FROM debian:bookworm
WORKDIR /src
RUN wget https://example.org/tool.tar.gz && tar -xzf tool.tar.gz -C /opt && \
    rm tool.tar.gz
RUN git clone https://example.org/repo.git /tmp/repo && make -C /tmp/repo install && \
    rm -rf /tmp/repo
RUN curl -fsSL -o /tmp/pkg.deb https://example.org/pkg.deb && dpkg -i /tmp/pkg.deb && \
    rm -f /tmp/pkg.deb
RUN echo cleaned
RUN echo keep

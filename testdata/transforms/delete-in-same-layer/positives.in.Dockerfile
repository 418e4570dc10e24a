FROM debian:bookworm
WORKDIR /src
RUN wget https://example.org/tool.tar.gz && tar -xzf tool.tar.gz -C /opt
RUN git clone https://example.org/repo.git /tmp/repo && make -C /tmp/repo install
RUN curl -fsSL -o /tmp/pkg.deb https://example.org/pkg.deb && dpkg -i /tmp/pkg.deb
RUN rm tool.tar.gz
RUN rm -rf /tmp/repo && echo cleaned
RUN echo keep && rm -f /tmp/pkg.deb

FROM debian:bookworm
RUN useradd -u 100000 app
RUN useradd --uid 70000 -m app
RUN useradd --uid=65536 app
RUN useradd -u1000000000 app
RUN groupadd -g 100000 app && useradd -u 100000 -g app -m -s /bin/bash app
RUN sudo useradd -r -u 200000 app
RUN useradd -m -u "123456" app
RUN useradd -u 0100000 app
RUN /usr/sbin/useradd -c "-l is not a flag here" -u 99999 app
ONBUILD RUN useradd -u 100000 app

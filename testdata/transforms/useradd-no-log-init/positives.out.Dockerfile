FROM debian:bookworm
RUN useradd --no-log-init -u 100000 app
RUN useradd --no-log-init --uid 70000 -m app
RUN useradd --no-log-init --uid=65536 app
RUN useradd --no-log-init -u1000000000 app
RUN groupadd -g 100000 app && useradd --no-log-init -u 100000 -g app -m -s /bin/bash app
RUN sudo useradd --no-log-init -r -u 200000 app
RUN useradd --no-log-init -m -u "123456" app
RUN useradd --no-log-init -u 0100000 app
RUN /usr/sbin/useradd --no-log-init -c "-l is not a flag here" -u 99999 app
ONBUILD RUN useradd --no-log-init -u 100000 app

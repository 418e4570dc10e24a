FROM debian:bookworm
RUN sudo apt-get update
RUN sudo -E apt-get install -y curl
RUN sudo -EH pip install requests
RUN sudo -u root make install && sudo --user=root make check && sudo -u 0 true
RUN sudo -- make install
RUN apt-get update && sudo apt-get install -y git
RUN curl -fsSL https://example.org/install.sh | sudo bash -
RUN sudo -n -p '' --preserve-env=PATH env FOO=1 make
RUN sudo \
    apt-get install -y make
RUN sudo \
    # a comment inside the continuation
    apt-get install -y gcc
USER root
RUN sudo chown app /app
USER 0:0
RUN sudo chmod 755 /srv

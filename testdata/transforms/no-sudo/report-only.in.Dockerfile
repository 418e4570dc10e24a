FROM debian:bookworm
RUN sudo -u app make
RUN sudo -i make
RUN sudo -g staff make
RUN sudo -E \
    # this comment would go with the options
    -H make
USER app
RUN sudo apt-get install -y curl
USER ${BUILD_USER}
RUN sudo make install

FROM debian:bookworm AS next
RUN sudo make install
USER 1000:1000

FROM next
RUN sudo make install

FROM circleci/node:14 AS ci
RUN sudo apt-get install -y jq

FROM ci
RUN sudo make
USER root
RUN sudo make install

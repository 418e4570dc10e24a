FROM debian:bookworm
# OK: sudo is not the first word, or runs no command
RUN env sudo make install
RUN sudo -v && sudo -l
RUN sudo
RUN echo sudo && apt-get install -y sudo
# OK: exec form, heredoc and ONBUILD RUNs are left alone
RUN ["sudo", "apt-get", "update"]
RUN <<EOT
sudo apt-get update
EOT
ONBUILD RUN sudo apt-get update
# dfopt ignore=no-sudo
RUN sudo apt-get update
# hadolint ignore=DL3004
RUN sudo apt-get update

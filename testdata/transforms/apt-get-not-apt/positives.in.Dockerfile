FROM debian:bookworm
RUN apt update && apt install -y curl
RUN apt upgrade -y
RUN apt -y upgrade --without-new-pkgs
RUN apt dist-upgrade -y && apt full-upgrade -y
RUN apt remove -y x && apt purge -y y && apt autoremove -y
RUN apt clean && apt autoclean
RUN apt build-dep -y hello && apt source hello && apt download hello && apt changelog hello
RUN /usr/bin/apt install -y git
RUN sudo apt install -y make
RUN DEBIAN_FRONTEND=noninteractive apt -qq install -y gcc
ONBUILD RUN apt install -y zip

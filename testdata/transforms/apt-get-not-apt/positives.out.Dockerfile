FROM debian:bookworm
RUN apt-get update && apt-get install -y curl
RUN apt-get upgrade --with-new-pkgs -y
RUN apt-get -y upgrade --without-new-pkgs
RUN apt-get dist-upgrade -y && apt-get full-upgrade -y
RUN apt-get remove -y x && apt-get purge -y y && apt-get autoremove -y
RUN apt-get clean && apt-get autoclean
RUN apt-get build-dep -y hello && apt-get source hello && apt-get download hello && apt-get changelog hello
RUN /usr/bin/apt-get install -y git
RUN sudo apt-get install -y make
RUN DEBIAN_FRONTEND=noninteractive apt-get -qq install -y gcc
ONBUILD RUN apt-get install -y zip

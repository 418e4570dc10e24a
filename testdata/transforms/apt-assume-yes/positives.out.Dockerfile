FROM debian:bookworm
RUN apt-get update && apt-get install -y curl
RUN apt-get install -y --no-install-recommends git
RUN apt install -y vim
RUN apt-get upgrade -y
RUN apt-get dist-upgrade -y && apt full-upgrade -y
RUN apt-get remove -y nano && apt-get purge -y ed && apt-get autoremove -y
RUN apt-get build-dep -y hello
RUN apt-get install -y --reinstall tzdata && apt reinstall -y tzdata && apt autopurge -y
RUN apt-get -q install -y make
RUN apt-get -o Dpkg::Options::=--force-confold install -y gcc
RUN apt-get -o APT::Get::Assume-Yes=false install -y g++
RUN sudo apt-get install -y zip
RUN /usr/bin/apt-get install -y unzip
RUN echo y | apt-get install -y wget
RUN DEBIAN_FRONTEND=noninteractive apt-get install -y -q tzdata
ONBUILD RUN apt-get install -y jq

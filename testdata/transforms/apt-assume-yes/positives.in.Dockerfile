FROM debian:bookworm
RUN apt-get update && apt-get install curl
RUN apt-get install --no-install-recommends git
RUN apt install vim
RUN apt-get upgrade
RUN apt-get dist-upgrade && apt full-upgrade
RUN apt-get remove nano && apt-get purge ed && apt-get autoremove
RUN apt-get build-dep hello
RUN apt-get install --reinstall tzdata && apt reinstall tzdata && apt autopurge
RUN apt-get -q install make
RUN apt-get -o Dpkg::Options::=--force-confold install gcc
RUN apt-get -o APT::Get::Assume-Yes=false install g++
RUN sudo apt-get install zip
RUN /usr/bin/apt-get install unzip
RUN echo y | apt-get install wget
RUN DEBIAN_FRONTEND=noninteractive apt-get install -q tzdata
ONBUILD RUN apt-get install jq

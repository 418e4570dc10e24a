FROM debian:bookworm
RUN apt-get update && apt-get install -y curl
RUN apt-get -y install git
RUN DEBIAN_FRONTEND=noninteractive apt-get install -qqy make
RUN sudo -E apt-get install -y gcc
RUN apt install -y vim
RUN /usr/bin/apt-get -o Dpkg::Options::=--force-confnew install -y wget
ONBUILD RUN apt-get install -y zip

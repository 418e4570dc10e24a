FROM debian:bookworm
RUN apt-get update && apt-get install --no-install-recommends -y curl ca-certificates
RUN apt-get -y install --no-install-recommends git ca-certificates
RUN DEBIAN_FRONTEND=noninteractive apt-get install --no-install-recommends -qqy make
RUN sudo -E apt-get install --no-install-recommends -y gcc libc6-dev
RUN apt install --no-install-recommends -y vim
RUN /usr/bin/apt-get -o Dpkg::Options::=--force-confnew install --no-install-recommends -y wget ca-certificates
ONBUILD RUN apt-get install --no-install-recommends -y zip

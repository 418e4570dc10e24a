FROM debian:bookworm AS base
RUN echo 'APT::Get::Assume-Yes "true";' > /etc/apt/apt.conf.d/90assumeyes
RUN apt-get install curl

FROM debian:bookworm
RUN apt-get install -y curl

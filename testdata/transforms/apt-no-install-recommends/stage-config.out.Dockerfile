FROM debian:bookworm AS base
RUN echo 'APT::Install-Recommends "0";' > /etc/apt/apt.conf.d/01norecommends
RUN apt-get install -y curl

FROM debian:bookworm
RUN apt-get install --no-install-recommends -y curl ca-certificates

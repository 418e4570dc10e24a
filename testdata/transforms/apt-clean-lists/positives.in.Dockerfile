FROM debian:bookworm
RUN apt-get update && apt-get install -y curl
RUN apt-get update -qq && \
    apt-get install -y git; # trailing comment stays after the list
ONBUILD RUN apt-get update && apt-get install -y zip

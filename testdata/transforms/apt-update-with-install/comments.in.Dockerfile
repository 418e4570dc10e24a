FROM debian:bookworm
# refresh the lists
RUN apt-get update

# install the tools
# (curl for the health check)
RUN apt-get install -y curl

FROM debian:bookworm
RUN apt-get update \
    # quietly
    -qq
RUN apt-get install -y git

FROM debian:bookworm
# refresh the lists

# install the tools
# (curl for the health check)
RUN apt-get update && apt-get install -y curl

FROM debian:bookworm
RUN apt-get update \
    # quietly
    -qq && apt-get install -y git

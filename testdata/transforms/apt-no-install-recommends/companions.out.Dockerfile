FROM debian:bookworm
# gcc only recommends the C library headers: they are added
RUN apt-get update && apt-get install --no-install-recommends -y gcc make libc6-dev
# build-essential depends on libc6-dev: nothing to add
RUN apt-get update && apt-get install --no-install-recommends -y build-essential
# ca-certificates is installed by this command already
RUN apt-get update && apt-get install --no-install-recommends -y curl ca-certificates
# and by an earlier RUN of the stage for this one
RUN apt-get update && apt-get install --no-install-recommends -y wget git

FROM debian:bookworm AS other
# a new stage: ca-certificates is needed again
RUN apt-get update && apt-get install --no-install-recommends -y git=1:2.39.5-0+deb12u1 ca-certificates

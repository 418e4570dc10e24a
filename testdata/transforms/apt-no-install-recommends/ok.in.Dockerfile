FROM debian:bookworm
# OK: already without recommends, in every spelling
RUN apt-get install -y --no-install-recommends curl
RUN apt-get -o APT::Install-Recommends=false install -y git
RUN apt-get install -o apt::install-recommends=0 -y make
# OK: not installs
RUN apt-get update && apt-get upgrade -y && apt-get remove -y x
# OK: exec form and heredoc RUNs are left alone
RUN ["apt-get", "install", "-y", "curl"]
RUN <<EOF
apt-get install -y curl
EOF
# dfopt ignore=apt-no-install-recommends
RUN apt-get install -y ignored
# hadolint ignore=DL3015
RUN apt-get install -y ignored-too

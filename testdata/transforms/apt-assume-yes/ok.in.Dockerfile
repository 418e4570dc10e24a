FROM debian:bookworm
# OK: answered yes, in every spelling
RUN apt-get install -y curl
RUN apt-get -y install curl
RUN apt-get install --yes curl
RUN apt-get install --assume-yes curl
RUN apt-get install -qqy curl
RUN apt-get -qq install curl
RUN apt-get -q -q install curl
RUN apt-get -q=2 install curl
RUN apt-get --quiet=2 install curl
RUN apt-get --quiet --quiet install curl
RUN apt-get --force-yes install curl
RUN apt-get -o APT::Get::Assume-Yes=true install curl
RUN apt-get install -o apt::get::assume-yes=1 curl
RUN yes | apt-get install curl
RUN yes | DEBIAN_FRONTEND=noninteractive apt-get purge curl
# OK: never prompts
RUN apt-get update
RUN apt-get -s install curl
RUN apt-get install --dry-run curl
RUN apt-get --assume-no upgrade
RUN apt-get clean && apt-cache policy curl
# OK: exec form and heredoc RUNs are left alone
RUN ["apt-get", "install", "curl"]
RUN <<EOT
apt-get install curl
EOT
# dfopt ignore=apt-assume-yes
RUN apt-get install ignored
# hadolint ignore=DL3014
RUN apt-get install ignored-too

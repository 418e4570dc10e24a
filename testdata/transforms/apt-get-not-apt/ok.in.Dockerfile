FROM debian:bookworm
# OK: already apt-get / apt-cache
RUN apt-get install -y curl && apt-cache show curl
# OK: apt alone, subcommands apt-get lacks, apt as an argument
RUN apt
RUN apt reinstall -y tzdata && apt edit-sources
RUN echo apt install && dpkg -l apt
# OK: exec form and heredoc RUNs are left alone
RUN ["apt", "install", "-y", "curl"]
RUN <<EOT
apt install -y curl
EOT
# dfopt ignore=apt-get-not-apt
RUN apt install -y ignored
# hadolint ignore=DL3027
RUN apt install -y ignored-too

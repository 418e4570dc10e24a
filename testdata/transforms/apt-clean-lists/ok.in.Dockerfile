FROM debian:bookworm
# OK: already cleaned
RUN apt-get update && apt-get install -y curl && rm -rf /var/lib/apt/lists/*
RUN apt-get update && apt-get install -y git && rm -rf /var/lib/apt/lists
# OK: the lists live on a cache mount
RUN --mount=type=cache,target=/var/lib/apt,sharing=locked apt-get update && apt-get install -y make
# OK: a later RUN installs without updating, so it needs the lists
RUN apt-get update
RUN apt-get install -y vim
# OK: heredoc and exec form
RUN <<EOF
apt-get update
EOF
RUN ["apt-get", "update"]

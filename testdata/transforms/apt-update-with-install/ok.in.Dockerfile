FROM debian
# OK: the install RUN updates for itself
RUN apt-get update
RUN apt-get update && apt-get install -y curl
# OK: not adjacent
RUN apt-get update
RUN echo hi
RUN apt-get install -y curl
# OK: different RUN flags
RUN apt-get update
RUN --network=none apt-get install -y curl
# OK: the update RUN does more than update
RUN apt-get update && apt-get upgrade -y
RUN apt-get install -y curl
# OK: something else in between
RUN apt-get update
ENV X=1
RUN apt-get install -y git
# OK: the next stage
RUN apt-get update
FROM debian
RUN apt-get install -y git
# OK: exec-form and heredoc updates
RUN ["apt-get", "update"]
RUN apt-get install -y git
RUN <<EOT
apt-get update
EOT
RUN apt-get install -y git
# OK: ONBUILD is left alone
ONBUILD RUN apt-get update
ONBUILD RUN apt-get install -y git
# OK: the next RUN does not install
RUN apt-get update
RUN apt-get clean
# dfopt ignore=apt-update-with-install
RUN apt-get update
RUN apt-get install -y curl

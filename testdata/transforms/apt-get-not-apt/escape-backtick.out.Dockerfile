# escape=`
FROM debian
RUN apt-get update && `
    apt-get upgrade --with-new-pkgs -y

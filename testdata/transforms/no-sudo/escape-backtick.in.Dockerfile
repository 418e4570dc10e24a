# escape=`
FROM debian
RUN sudo `
    apt-get update && `
    sudo -H make

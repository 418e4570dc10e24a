# escape=`
FROM debian
RUN `
    apt-get update && `
    make

# escape=`
FROM debian
RUN apt update && `
    apt upgrade -y

# escape=`
FROM mcr.microsoft.com/windows/servercore
RUN curl -k https://example.org/x -o C:\x && `
    wget --no-check-certificate https://example.org/y

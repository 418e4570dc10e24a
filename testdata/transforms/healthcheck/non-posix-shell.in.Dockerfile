FROM mcr.microsoft.com/powershell:lts-debian-11
SHELL ["pwsh", "-Command"]
RUN apt-get update; apt-get install -y curl
EXPOSE 8080
CMD ["pwsh", "/app/server.ps1"]

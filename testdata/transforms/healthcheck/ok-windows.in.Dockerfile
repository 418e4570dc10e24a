FROM mcr.microsoft.com/windows/servercore:ltsc2022
EXPOSE 80
CMD ["C:\\app\\server.exe"]

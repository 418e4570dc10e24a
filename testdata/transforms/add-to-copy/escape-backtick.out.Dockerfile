# escape=`
FROM mcr.microsoft.com/windows/servercore:ltsc2022
COPY C:\src\app.ps1 `
    C:\app\
ADD tools.tar C:\tools\

# escape=`
FROM mcr.microsoft.com/windows/servercore:ltsc2022
ADD C:\src\app.ps1 `
    C:\app\
ADD tools.tar C:\tools\

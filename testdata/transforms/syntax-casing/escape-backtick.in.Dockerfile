# escape=`
FROM mcr.microsoft.com/windows/servercore:ltsc2022
ENV DEPS `
    curl `
    git
ENV DIR C:\Program Files\App
ENV ESC a``b c

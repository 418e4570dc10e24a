# escape=`
FROM mcr.example/windows
LABEL org.opencontainers.image.authors="C:\Users\me   continued"

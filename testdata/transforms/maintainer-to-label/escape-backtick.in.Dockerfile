# escape=`
FROM mcr.example/windows
MAINTAINER C:\Users\me `
  continued

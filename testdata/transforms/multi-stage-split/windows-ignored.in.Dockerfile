FROM mcr.microsoft.com/windows/servercore:ltsc2022
RUN go build -o C:/app/app.exe .
CMD ["C:/app/app.exe"]

FROM alpine:3.19
CMD ["./server", "--port", "8080"]
ENTRYPOINT ["/entrypoint.sh"]
HEALTHCHECK CMD wget -q -O- http://localhost:8080/health || exit 1
ONBUILD CMD ./server
# hadolint ignore=DL3025
CMD ./server
# dfopt ignore=exec-form-cmd
ENTRYPOINT ./server

FROM mcr.microsoft.com/windows/servercore:ltsc2022
SHELL ["powershell", "-Command"]
CMD Write-Host hello

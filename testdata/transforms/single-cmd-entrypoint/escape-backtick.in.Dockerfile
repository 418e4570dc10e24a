# escape=`
FROM alpine:3.19
HEALTHCHECK CMD test -f C:\ready `
    || exit 1
HEALTHCHECK NONE
CMD a
CMD b

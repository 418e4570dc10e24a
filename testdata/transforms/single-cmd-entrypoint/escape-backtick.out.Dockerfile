# escape=`
FROM alpine:3.19
HEALTHCHECK NONE
CMD b

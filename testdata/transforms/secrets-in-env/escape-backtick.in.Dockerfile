# escape=`
FROM alpine:3.19
ENV DB_PASS=x `
    API_SECRET=y

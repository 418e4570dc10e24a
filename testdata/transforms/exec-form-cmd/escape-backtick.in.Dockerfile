# escape=`
FROM alpine:3.19
CMD ./server `
    --root C:\data\ `
    --name "a\"b"

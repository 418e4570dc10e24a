# escape=`
FROM debian
RUN useradd --no-log-init `
    -u 100000 app

# escape=`
FROM debian
COPY run.sh C:/run.sh
COPY x.sh /x.sh
RUN chmod 755 /x.sh && `
    echo ok

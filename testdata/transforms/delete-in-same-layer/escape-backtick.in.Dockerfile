# escape=`
FROM debian
RUN wget https://example.org/x.zip && `
    unzip -d /opt/x x.zip
RUN rm -rf /opt/x

# escape=`
FROM debian
RUN echo a && `
    echo b `
    c

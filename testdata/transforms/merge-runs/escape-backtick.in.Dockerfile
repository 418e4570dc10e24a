# escape=`
FROM debian
RUN echo a
RUN echo b `
    c

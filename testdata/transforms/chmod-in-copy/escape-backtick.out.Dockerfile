# syntax=docker/dockerfile:1
# escape=`
FROM debian
COPY run.sh C:/run.sh
COPY --chmod=755 x.sh /x.sh
RUN echo ok

# escape=`
FROM python AS base
RUN echo a `
  && echo b
from node:latest

FROM python:3.12 AS env
ENV PIP_NO_CACHE_DIR=1
RUN pip install flask

FROM python:3.12 AS arg
ARG PIP_NO_CACHE_DIR=true
RUN pip install flask

FROM python:3.12 AS config
RUN pip config set global.no-cache-dir false
RUN pip install flask

FROM python:3.12 AS conf-file
RUN printf '[global]\nno-cache-dir = false\n' > /etc/pip.conf
RUN pip install flask

FROM python:3.12
# fires: nothing of the stages above is in effect here
RUN pip install --no-cache-dir flask

FROM ubuntu:14.04
# unsafe: trusty's pip 1.5 does not know --no-cache-dir
RUN apt-get install -y python-pip && pip install --no-cache-dir flask

FROM ubuntu:trusty
# safe again once pip is upgraded first
RUN pip install --no-cache-dir -U pip && pip install --no-cache-dir flask

FROM debian:12
WORKDIR /app
COPY . .
RUN make
RUN apt-get update && apt-get install -y curl

FROM debian:12
COPY . /app
ENV PATH=/opt/tools/bin:$PATH
RUN apt-get update && apt-get install -y curl

FROM debian:12
COPY nginx.conf /etc/nginx/nginx.conf
RUN apt-get update && apt-get install -y nginx

FROM debian:12
COPY . /app
RUN mkdir -p /app/logs

FROM debian:12
COPY . /app
USER nobody
RUN curl -o /tmp/x https://example.org/x

FROM debian:12
WORKDIR /app
COPY . .
RUN ./install.sh

FROM debian:12
COPY . /app
# dfopt ignore=order-by-change
RUN apt-get update && apt-get install -y curl

FROM debian:12
COPY . /app
EXPOSE 80
LABEL a=b

FROM debian:12
COPY . /app
RUN apt-get install -y $PACKAGES
RUN curl -O https://example.org/x.tgz

FROM python:3.12
WORKDIR /app
COPY requirements.txt .
RUN pip install -r requirements.txt
RUN apt-get update && apt-get install -y libpq5

FROM debian:12
WORKDIR /app
COPY . .
WORKDIR /srv
RUN mkdir -p /srv/data

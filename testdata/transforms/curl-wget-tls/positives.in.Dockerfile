FROM debian:bookworm
RUN curl -fsSLk https://example.org/a.sh | sh
RUN curl --insecure -o /tmp/x https://example.org/x
RUN wget --no-check-certificate -qO- https://example.org/x | tar xz
RUN apk add --allow-untrusted /tmp/pkg.apk
RUN apt-get install -y --allow-unauthenticated curl && apt-get install --force-yes -y git
RUN pip install --trusted-host pypi.org flask
RUN python3 -m pip install --trusted-host=mirror.local requests
RUN git -c http.sslVerify=false clone https://example.org/repo.git
RUN git config --global http.sslverify false
RUN npm config set strict-ssl false && yarn config set strict-ssl false
RUN npm install --strict-ssl=false
RUN dnf install -y --nogpgcheck foo
RUN GIT_SSL_NO_VERIFY=1 git clone https://example.org/r.git
RUN env NODE_TLS_REJECT_UNAUTHORIZED=0 node install.js
RUN export PYTHONHTTPSVERIFY=0 && python3 setup.py install
ENV GIT_SSL_NO_VERIFY=true NODE_TLS_REJECT_UNAUTHORIZED="0"
ENV PYTHONHTTPSVERIFY 0
ARG PIP_TRUSTED_HOST=pypi.org
ENV NPM_CONFIG_STRICT_SSL=false
ONBUILD RUN curl -k https://example.org/x

FROM debian:bookworm
# OK: verification on
RUN curl -fsSL https://example.org/a.sh | sh
# OK: -k is the value of -o / -H here, not a flag
RUN curl -o -k https://example.org/x && curl -sSo k https://example.org/y
RUN wget -q https://example.org/x && apk add --no-cache curl
RUN pip install flask && git clone https://example.org/r.git
RUN git config --global http.sslVerify true && npm config set strict-ssl true
ENV NODE_TLS_REJECT_UNAUTHORIZED=1 PYTHONHTTPSVERIFY=1
# OK: exec form and heredoc RUNs are not inspected
RUN ["curl", "-k", "https://example.org/x"]
RUN <<EOT
curl -k https://example.org/x
EOT
# dfopt ignore=curl-wget-tls
RUN curl -k https://example.org/ignored
# OK: inside a string given to another shell (not parsed)
RUN sh -c "echo curl -k"

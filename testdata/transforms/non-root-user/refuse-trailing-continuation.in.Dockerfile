FROM debian:bookworm-slim
COPY app /usr/local/bin/app
# must be the last line
ENV name=value \
    name1=value1 \

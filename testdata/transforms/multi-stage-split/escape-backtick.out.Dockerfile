# escape=`
FROM debian:bookworm AS builder
RUN apt-get update && `
    apt-get install -y build-essential
WORKDIR /src
COPY . .
RUN make && `
    make install

FROM debian:bookworm-slim
WORKDIR /src
COPY --from=builder /usr/local/bin/tool /usr/local/bin/tool
CMD ["tool"]

FROM alpine:3.19
ADD https://example.com/tool /usr/local/bin/tool
ADD http://example.com/a.txt /a.txt
ADD git@github.com:moby/buildkit.git /src
ADD https://github.com/moby/buildkit.git#v0.12.0 /buildkit
ADD rootfs.tar.xz /
ADD vendor.tgz ./lib.TAR /opt/
ADD data.json.gz /data/
ADD --checksum=sha256:24454f830cdb571e2c4ad15481119c43b3cafd48dd869a9b2945d1036d1dc68d https://example.com/x /x
ADD --keep-git-dir=true https://github.com/moby/buildkit.git /bk
ADD --unpack=false local.bin /opt/
ADD <<EOT /etc/motd
hello
EOT
# dfopt ignore=add-to-copy
ADD a.txt /a
# hadolint ignore=DL3020
ADD b.txt /b
ADD ${VERSION}.tar.gz /opt/
ADD dist/*.tar.gz /opt/
COPY c.txt /c

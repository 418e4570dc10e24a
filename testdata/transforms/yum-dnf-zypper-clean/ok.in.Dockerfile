FROM fedora:39
# OK: cleaned after the install, in every spelling
RUN yum install -y httpd && yum clean all
RUN dnf install -y gcc && dnf clean all
RUN dnf install -y make && yum clean all
RUN yum install -y vim && rm -rf /var/cache/yum
RUN dnf --assumeyes install git && rm -rf /var/cache/dnf/*
RUN microdnf install tar && microdnf clean all
RUN zypper -n install curl && zypper clean -a
RUN zypper --non-interactive in wget && zypper cc
RUN zypper install -y --no-recommends jq && zypper clean --all
RUN zypper install --no-confirm less && rm -rf /var/cache/zypp/*
# OK: not installs
RUN yum clean all && dnf makecache && zypper refresh && zypper search foo && yum list installed
# OK: the cache is on a cache mount
RUN --mount=type=cache,target=/var/cache/dnf dnf install -y cmake
RUN --mount=type=cache,target=/var/cache/yum yum install -y cmake
RUN --mount=type=cache,target=/var/cache/zypp zypper -n install cmake
# OK: exec form and heredoc RUNs are left alone
RUN ["yum", "install", "httpd"]
RUN <<EOF
yum install httpd
EOF
# dfopt ignore=yum-dnf-zypper-clean
RUN yum install ignored
# hadolint ignore=DL3032,DL3030
RUN yum install ignored-too
# hadolint ignore=DL3036,DL3034
RUN zypper install ignored-too

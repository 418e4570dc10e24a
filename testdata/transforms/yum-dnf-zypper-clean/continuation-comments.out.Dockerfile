FROM centos:7
RUN yum install -y \
        # web server
        httpd \
        # tools
        vim \
    # done; note the comment before the end
    && echo ok \
    && yum clean all
RUN set -eux; \
    yum -y update; \
    # keep this comment
    yum -y install git \
    && yum clean all

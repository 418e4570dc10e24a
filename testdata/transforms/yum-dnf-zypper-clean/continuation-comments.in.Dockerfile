FROM centos:7
RUN yum install \
        # web server
        httpd \
        # tools
        vim \
    # done; note the comment before the end
    && echo ok
RUN set -eux; \
    yum -y update; \
    # keep this comment
    yum -y install git

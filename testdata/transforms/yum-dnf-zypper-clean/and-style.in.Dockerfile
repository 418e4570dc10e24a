FROM centos:7
RUN yum -y install a && \
    yum -y install b
RUN yum -y install c \
 && yum -y install d
run yum -y install e # a trailing shell comment

FROM centos:7
RUN yum -y install a && \
    yum -y install b && \
 yum clean all
RUN yum -y install c \
 && yum -y install d && \
 yum clean all
run yum -y install e && \
 yum clean all # a trailing shell comment

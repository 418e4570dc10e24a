FROM centos:7
RUN yum install -y httpd && \
    yum clean all
RUN yum -y groupinstall "Development Tools" && \
    yum clean all
RUN yum install -y --enablerepo epel nginx && \
    yum clean all
RUN yum update -y && yum clean all
RUN yum localinstall -y /tmp/x.rpm && rm -rf /tmp/x.rpm && \
    yum clean all
RUN yum clean all && yum install -y vim && \
    yum clean all
RUN yum remove -y httpd
RUN sudo yum install -y git && \
    sudo yum clean all
RUN yum install -y a && yum clean all && yum install -y b && \
    yum clean all
ONBUILD RUN yum install -y zip && \
    yum clean all

FROM fedora:39
RUN dnf install -y gcc && \
    dnf clean all
RUN dnf upgrade -y --refresh && dnf reinstall -y bash && \
    dnf clean all
RUN dnf group install -y "C Development Tools" && \
    dnf clean all
RUN dnf5 install -y make && \
    dnf5 clean all

FROM registry.access.redhat.com/ubi9/ubi-minimal
RUN microdnf install shadow-utils && \
    microdnf clean all
RUN microdnf update && microdnf clean packages && \
    microdnf clean all

FROM opensuse/leap:15
RUN zypper install -y curl && \
    zypper clean --all
RUN zypper in -y git && \
    zypper clean --all
RUN zypper --non-interactive install vim && \
    zypper clean --all
RUN zypper -n up && \
    zypper clean --all
RUN zypper install -y -n gcc && zypper clean
RUN zypper patch -y && zypper rm -y x && \
    zypper clean --all
RUN zypper --no-confirm install make && \
    zypper clean --all

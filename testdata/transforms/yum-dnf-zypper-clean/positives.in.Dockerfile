FROM centos:7
RUN yum install -y httpd
RUN yum -y groupinstall "Development Tools"
RUN yum install --enablerepo epel nginx
RUN yum update && yum clean all
RUN yum localinstall -y /tmp/x.rpm && rm -rf /tmp/x.rpm
RUN yum clean all && yum install -y vim
RUN yum remove httpd
RUN sudo yum install -y git
RUN yum install -y a && yum clean all && yum install -y b
ONBUILD RUN yum install -y zip

FROM fedora:39
RUN dnf install -y gcc
RUN dnf upgrade --refresh && dnf reinstall -y bash
RUN dnf group install -y "C Development Tools"
RUN dnf5 install -y make

FROM registry.access.redhat.com/ubi9/ubi-minimal
RUN microdnf install shadow-utils
RUN microdnf update && microdnf clean packages

FROM opensuse/leap:15
RUN zypper install curl
RUN zypper in -y git
RUN zypper --non-interactive install vim
RUN zypper -n up
RUN zypper install -n gcc && zypper clean
RUN zypper patch && zypper rm -y x
RUN zypper --no-confirm install make

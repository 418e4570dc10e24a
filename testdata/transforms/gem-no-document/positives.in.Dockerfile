FROM debian:bookworm
RUN gem install bundler
RUN gem install rails -v 7.1.0
RUN gem install --no-ri rake
RUN gem install --no-rdoc rake
RUN sudo gem install fpm && gem i rubocop
RUN gem install -v 2.4.0 bundler
ONBUILD RUN gem install puma

FROM ruby:3.3 AS base
FROM ubuntu:22.04
# fires: this stage is not built from ruby
RUN gem install sass

FROM centos:6
# unsafe: CentOS 6's RubyGems 1.3 does not know --no-document
RUN gem install fpm

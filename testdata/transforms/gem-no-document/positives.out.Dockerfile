FROM debian:bookworm
RUN gem install --no-document bundler
RUN gem install --no-document rails -v 7.1.0
RUN gem install --no-document --no-ri rake
RUN gem install --no-document --no-rdoc rake
RUN sudo gem install --no-document fpm && gem i --no-document rubocop
RUN gem install --no-document -v 2.4.0 bundler
ONBUILD RUN gem install --no-document puma

FROM ruby:3.3 AS base
FROM ubuntu:22.04
# fires: this stage is not built from ruby
RUN gem install --no-document sass

FROM centos:6
# unsafe: CentOS 6's RubyGems 1.3 does not know --no-document
RUN gem install --no-document fpm

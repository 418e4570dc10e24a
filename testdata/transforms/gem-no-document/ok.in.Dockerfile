FROM debian:bookworm
# OK: already without documentation, in every spelling
RUN gem install --no-document bundler
RUN gem install -N rake
RUN gem install --no-ri --no-rdoc rspec
RUN gem install --document=ri yard
# OK: not an install
RUN gem update --system && gem list && gem build x.gemspec
# OK: exec form and heredoc RUNs are left alone
RUN ["gem", "install", "bundler"]
RUN <<EOF
gem install bundler
EOF
# dfopt ignore=gem-no-document
RUN gem install ignored

FROM debian:bookworm
RUN echo 'gem: --no-document' > /etc/gemrc
RUN gem install bundler

FROM ruby:3.3-slim AS ruby
# OK: the official ruby image turns documentation off in /usr/local/etc/gemrc
RUN gem install bundler

FROM ruby AS child
RUN gem install rails

FROM docker.io/library/ruby:3.2-alpine
RUN gem install puma

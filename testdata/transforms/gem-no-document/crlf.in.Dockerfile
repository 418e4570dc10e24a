FROM debian
RUN gem install \
        bundler \
    && gem install rake

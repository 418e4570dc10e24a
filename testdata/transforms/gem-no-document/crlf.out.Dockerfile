FROM debian
RUN gem install --no-document \
        bundler \
    && gem install --no-document rake

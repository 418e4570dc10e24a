FROM debian
RUN gem \
        # the install
        install --no-document \
        # the gems
        bundler rake

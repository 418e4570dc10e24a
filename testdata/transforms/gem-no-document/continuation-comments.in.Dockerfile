FROM debian
RUN gem \
        # the install
        install \
        # the gems
        bundler rake

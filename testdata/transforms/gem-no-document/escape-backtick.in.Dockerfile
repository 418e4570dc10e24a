# escape=`
FROM debian
RUN gem install `
        bundler

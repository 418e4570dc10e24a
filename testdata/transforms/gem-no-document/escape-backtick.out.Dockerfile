# escape=`
FROM debian
RUN gem install --no-document `
        bundler

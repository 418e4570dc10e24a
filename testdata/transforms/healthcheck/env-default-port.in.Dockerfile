FROM ruby:3.3
EXPOSE ${RAILS_PORT:-3000}
CMD ["rails", "server"]

FROM ruby:3.3
EXPOSE ${RAILS_PORT:-3000}
HEALTHCHECK --interval=30s --timeout=3s --start-period=10s --retries=3 CMD curl -fsS http://127.0.0.1:3000/ || exit 1
CMD ["rails", "server"]

from ruby:3.3
workdir /app
copy Gemfile Gemfile.lock ./
run bundle install
copy . .
cmd ["ruby", "app.rb"]

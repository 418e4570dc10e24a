FROM node:20
# the context is filtered by the CI job; dfopt ignore below
# dfopt ignore=dockerignore
COPY . /app/

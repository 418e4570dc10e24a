FROM python:3.12
ENV GPG_KEY 7169605F62C751356D054A26A821E680E5FA6305
ENV POSTGRES_PASSWORD_FILE=/run/secrets/db_password
ENV SSH_KEY_PATH=/root/.ssh/id_ed25519 SECRETS_DIR=/run/secrets
ENV AUTH_URL=https://auth.example.com/
ENV PUBLIC_KEY=abc TOKEN_VERSION=2
ENV TOKENIZERS_PARALLELISM=false KEYBOARD=us MONKEY=1
ENV NODE_OPTIONS=--max-old-space-size=4096
ARG VERSION=1.0
# hadolint ignore=DL3064
ENV ADMIN_PASSWORD=admin
# dfopt ignore=secrets-in-env
ARG DEPLOY_TOKEN
RUN --mount=type=secret,id=npm_token NPM_TOKEN="$(cat /run/secrets/npm_token)" npm ci

FROM node:20
WORKDIR /app
RUN groupadd -r -g 10001 app && useradd -r -m -g app -u 10001 --no-log-init app
COPY --chown=10001:10001 . .
USER 10001:10001
CMD ["node", "index.js"]

FROM node:20
ENTRYPOINT ["tini", "--"]
EXPOSE 3000
HEALTHCHECK --interval=30s --timeout=3s --start-period=10s --retries=3 CMD curl -fsS http://127.0.0.1:3000/ || exit 1
CMD ["node", "server.js"]
LABEL org.opencontainers.image.title=x

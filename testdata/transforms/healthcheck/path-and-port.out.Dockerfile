FROM node:20
EXPOSE 3000 9229
HEALTHCHECK --interval=30s --timeout=500ms --start-period=10s --retries=3 CMD curl -fsS 'http://127.0.0.1:9229/health?full=1&x=$y' || exit 1
CMD ["node", "server.js"]

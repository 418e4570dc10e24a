'use strict';
const http = require('http');
const { Store } = require('./store');

const port = Number(process.env.PORT || 3001);
const store = new Store();

function send(res, status, body, headers = {}) {
  res.writeHead(status, { 'Content-Type': 'application/json', ...headers });
  res.end(JSON.stringify(body) + '\n');
}

const server = http.createServer((req, res) => {
  const url = new URL(req.url, 'http://localhost');
  if (url.pathname === '/healthz') return send(res, 200, { status: 'ok' });
  if (url.pathname === '/api/links' && req.method === 'POST') {
    let body = '';
    req.on('data', (c) => { body += c; });
    req.on('end', () => {
      try {
        const { url: target } = JSON.parse(body || '{}');
        const link = store.add(target);
        send(res, 201, link);
      } catch (e) {
        send(res, 400, { error: e.message });
      }
    });
    return undefined;
  }
  const m = url.pathname.match(/^\/([A-Za-z0-9_-]{8})$/);
  if (m && store.get(m[1])) return send(res, 302, {}, { Location: store.get(m[1]) });
  return send(res, 404, { error: 'not found' });
});

server.listen(port, () => console.log(`node-shortener listening on :${port}`));

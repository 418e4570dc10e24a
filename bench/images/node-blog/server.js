'use strict';
const path = require('path');
const express = require('express');
const { listPosts } = require('./lib/posts');

const app = express();
const dist = path.join(__dirname, 'dist');
const port = Number(process.env.PORT || 3000);

app.use('/static', express.static(path.join(__dirname, 'public')));
app.use('/posts', express.static(path.join(dist, 'posts'), { extensions: ['html'] }));

app.get('/healthz', (req, res) => res.json({ status: 'ok' }));
app.get('/api/posts', (req, res) => res.json(listPosts(dist)));
app.get('/', (req, res) => {
  const items = listPosts(dist)
    .map((p) => `<li><a href="/posts/${p.slug}">${p.title}</a></li>`)
    .join('');
  res.send(`<!doctype html><title>node-blog</title><h1>Posts</h1><ul>${items}</ul>`);
});

app.listen(port, () => console.log(`node-blog listening on :${port}`));

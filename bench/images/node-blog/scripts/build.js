// Renders content/*.md to dist/posts/*.html and writes dist/index.json (the post list).
'use strict';
const fs = require('fs');
const path = require('path');
const { marked } = require('marked');

const root = path.join(__dirname, '..');
const src = path.join(root, 'content');
const out = path.join(root, 'dist');

fs.rmSync(out, { recursive: true, force: true });
fs.mkdirSync(path.join(out, 'posts'), { recursive: true });

const layout = (title, body) => `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${title}</title>
<link rel="stylesheet" href="/static/style.css"></head>
<body><main>${body}</main></body></html>
`;

const posts = [];
for (const file of fs.readdirSync(src).filter((f) => f.endsWith('.md')).sort()) {
  const text = fs.readFileSync(path.join(src, file), 'utf8');
  const title = (text.match(/^# (.+)$/m) || [, file])[1];
  const slug = file.replace(/\.md$/, '');
  fs.writeFileSync(path.join(out, 'posts', `${slug}.html`), layout(title, marked.parse(text)));
  posts.push({ slug, title });
}
fs.writeFileSync(path.join(out, 'index.json'), JSON.stringify(posts, null, 2));
console.log(`rendered ${posts.length} posts to ${path.relative(root, out)}/`);

'use strict';
const fs = require('fs');
const path = require('path');

// The post list written by scripts/build.js, newest (highest slug) first.
function listPosts(dist) {
  const posts = JSON.parse(fs.readFileSync(path.join(dist, 'index.json'), 'utf8'));
  return posts.slice().sort((a, b) => b.slug.localeCompare(a.slug));
}

module.exports = { listPosts };

'use strict';
const test = require('node:test');
const assert = require('node:assert');
const { Store } = require('../store');

test('adds and resolves links', () => {
  const s = new Store();
  const { id } = s.add('https://example.org/a');
  assert.strictEqual(s.get(id), 'https://example.org/a');
  assert.throws(() => s.add('not a url'));
});

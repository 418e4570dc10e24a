'use strict';
const { customAlphabet } = require('nanoid');
const validator = require('validator');

const newId = customAlphabet('0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ', 8);

class Store {
  constructor() {
    this.links = new Map();
  }

  add(url) {
    if (typeof url !== 'string' || !validator.isURL(url, { require_protocol: true })) {
      throw new Error('url must be an absolute http(s) URL');
    }
    const id = newId();
    this.links.set(id, url);
    return { id, url };
  }

  get(id) {
    return this.links.get(id);
  }
}

module.exports = { Store };

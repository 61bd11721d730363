// Shared helpers of the Vesper pages: JSON calls that surface problem documents, safe DOM building,
// and SD-JWT decoding for display (display only: verification is always the server's).
'use strict';

const Vesper = (() => {
  /** Calls a JSON API; resolves to the parsed body, rejects with Error(problem detail) carrying .error and .status. */
  async function api(method, path, { key, body } = {}) {
    const headers = {};
    if (key) headers['Authorization'] = 'Bearer ' + key;
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    const r = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
    const text = await r.text();
    let json = null;
    try { json = text ? JSON.parse(text) : null; } catch (e) { json = null; }
    if (!r.ok) {
      const err = new Error((json && (json.detail || json.title)) || ('HTTP ' + r.status));
      err.error = json && json.error;
      err.status = r.status;
      throw err;
    }
    return json;
  }

  /** el('td', {class: 'x'}, 'text', child...): builds DOM without innerHTML, so data never becomes markup. */
  function el(tag, attrs, ...children) {
    const node = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (k === 'class') node.className = v;
      else if (k.startsWith('on')) node.addEventListener(k.slice(2), v);
      else node.setAttribute(k, v);
    }
    for (const c of children.flat()) {
      if (c === null || c === undefined) continue;
      node.append(c instanceof Node ? c : document.createTextNode(String(c)));
    }
    return node;
  }

  function b64urlToText(s) {
    const b64 = s.replace(/-/g, '+').replace(/_/g, '/');
    const bin = atob(b64 + '==='.slice((b64.length + 3) % 4));
    return new TextDecoder().decode(Uint8Array.from(bin, (c) => c.charCodeAt(0)));
  }

  /** The disclosures of an SD-JWT presentation, decoded: [{name, value}] (name null for array elements). */
  function disclosures(sdjwt) {
    const parts = sdjwt.split('~');
    return parts.slice(1, -1).filter(Boolean).map((d) => {
      const a = JSON.parse(b64urlToText(d));
      return a.length === 3 ? { name: a[1], value: a[2] } : { name: null, value: a[1] };
    });
  }

  function show(node, text, kind) {
    node.textContent = text;
    node.className = 'status ' + (kind || '');
    node.classList.remove('hidden');
  }

  return { api, el, disclosures, b64urlToText, show };
})();

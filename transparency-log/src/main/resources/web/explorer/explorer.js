// The registry explorer: reads the public API and checks, in the browser, each entry's RFC 9162
// inclusion proof against the checkpoint's root, and (given the log's vkey) the checkpoint's Ed25519
// signature (C2SP signed-note). Display only; nothing here is trusted by the servers.
'use strict';
(() => {
  const { api, el, show } = Vesper;
  const $ = (id) => document.getElementById(id);
  const enc = new TextEncoder();
  const b64 = (s) => Uint8Array.from(atob(s), (c) => c.charCodeAt(0));
  const concat = (...parts) => { const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0)); let i = 0; for (const p of parts) { out.set(p, i); i += p.length; } return out; };
  const sha256 = async (bytes) => new Uint8Array(await crypto.subtle.digest('SHA-256', bytes));
  const equal = (a, b) => a.length === b.length && a.every((x, i) => x === b[i]);
  let checkpoint = null;

  /** RFC 9162 §2.1.3.2: verify an inclusion proof; returns true when it leads to root. */
  async function verifyInclusion(index, size, leafHash, proof, root) {
    if (index >= size) return false;
    let fn = index, sn = size - 1, r = leafHash;
    for (const p of proof) {
      if (sn === 0) return false;
      if (fn % 2 === 1 || fn === sn) {
        r = await sha256(concat(Uint8Array.of(1), p, r));
        if (fn % 2 === 0) { while (fn % 2 === 0 && fn !== 0) { fn = Math.floor(fn / 2); sn = Math.floor(sn / 2); } }
      } else {
        r = await sha256(concat(Uint8Array.of(1), r, p));
      }
      fn = Math.floor(fn / 2); sn = Math.floor(sn / 2);
    }
    return sn === 0 && equal(r, root);
  }

  function parseCheckpoint(note) {
    const [text, sigs] = note.split('\n\n');
    const lines = text.split('\n');
    return { text: text + '\n', origin: lines[0], size: Number(lines[1]), root: b64(lines[2]), signatures: (sigs || '').split('\n').filter(Boolean) };
  }

  /** C2SP signed-note: vkey "name+hash+base64(0x01‖pub)", signature line "— name base64(keyhash4‖sig64)". */
  async function checkSignature() {
    // name+hash+key, where the base64 key may itself contain '+': split at the first two only.
    const m = /^([^+\s]+)\+([0-9a-f]{8})\+([A-Za-z0-9+/=]+)$/.exec($('vkey').value.trim());
    if (!m || !checkpoint) { show($('cp-status'), 'Give a vkey of the form origin+hash+key.', 'bad'); return; }
    const [, name, hashHex, keyB64] = m;
    const keyBytes = b64(keyB64);
    if (keyBytes[0] !== 1 || keyBytes.length !== 33) { show($('cp-status'), 'Only Ed25519 note keys (type 0x01) are supported.', 'bad'); return; }
    const keyHash = (await sha256(concat(enc.encode(name + '\n'), keyBytes))).slice(0, 4);
    const line = checkpoint.signatures.find((s) => s.startsWith('\u2014 ' + name + ' '));
    if (!line) { show($('cp-status'), 'The checkpoint carries no signature by ' + name + '.', 'bad'); return; }
    const sig = b64(line.slice(line.lastIndexOf(' ') + 1));
    const hex = [...keyHash].map((b) => b.toString(16).padStart(2, '0')).join('');
    if (hex !== hashHex || !equal(sig.slice(0, 4), keyHash)) { show($('cp-status'), 'The key hash does not match the signature.', 'bad'); return; }
    try {
      const key = await crypto.subtle.importKey('raw', keyBytes.slice(1), { name: 'Ed25519' }, false, ['verify']);
      const ok = await crypto.subtle.verify({ name: 'Ed25519' }, key, sig.slice(4), enc.encode(checkpoint.text));
      show($('cp-status'), ok ? 'Signature valid: ' + name + ' signed this checkpoint.' : 'Signature INVALID.', ok ? 'ok' : 'bad');
    } catch (e) {
      show($('cp-status'), 'This browser cannot check Ed25519 signatures: ' + e.message, 'warn');
    }
  }

  function details(e) {
    switch (e.type) {
      case 'token_issued': return 'token ' + e.token_hash.slice(0, 16) + '… by ' + e.issuer + ' (key ' + e.issuer_kid + '), ' + e.numbers.length + ' number label(s)';
      case 'token_status_changed': return 'token ' + e.token_hash.slice(0, 16) + '… ' + e.status + ' (' + e.reason + ')';
      case 'issuer_key_registered': case 'issuer_key_rotated': case 'issuer_key_revoked': return e.issuer + ' key ' + e.kid;
      default: return JSON.stringify(e).slice(0, 120);
    }
  }

  async function rows(history) {
    const cp = parseCheckpoint(history.checkpoint);
    const out = [];
    for (const e of history.entries) {
      const ok = await verifyInclusion(e.index, cp.size, b64(e.leaf_hash), e.proof.map(b64), cp.root);
      out.push(el('tr', {}, el('td', {}, e.index), el('td', {}, e.type.replace(/_/g, ' ')), el('td', { class: 'mono' }, details(e)),
        el('td', { class: ok ? 'ok' : 'bad' }, ok ? 'proved in tree of ' + cp.size : 'proof FAILED')));
    }
    return out;
  }

  async function refresh() {
    const note = await (await fetch('/checkpoint')).text();
    checkpoint = parseCheckpoint(note);
    $('checkpoint').textContent = note;
    const history = await api('GET', '/v1/entries?limit=20');
    $('recent').tBodies[0].replaceChildren(...(await rows(history)).reverse());
  }

  async function lookup(path) {
    const table = $('lookup');
    try {
      const history = await api('GET', path);
      table.tBodies[0].replaceChildren(...await rows(history));
      table.classList.remove('hidden');
      show($('lookup-status'), history.entries.length + ' entr' + (history.entries.length === 1 ? 'y' : 'ies') + ' found.', 'ok');
    } catch (e) {
      table.classList.add('hidden');
      show($('lookup-status'), e.message, 'bad');
    }
  }

  $('refresh').addEventListener('click', refresh);
  $('check-signature').addEventListener('click', checkSignature);
  $('token-form').addEventListener('submit', (e) => { e.preventDefault(); lookup('/v1/tokens/' + encodeURIComponent($('token-hash').value.trim())); });
  $('number-form').addEventListener('submit', (e) => { e.preventDefault(); lookup('/v1/numbers/' + encodeURIComponent($('number').value.trim())); });
  refresh();
})();

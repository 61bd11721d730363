// Interop C2 (issue 12 §3): a status list published by our issuer server, fetched through a redirect
// the way a CDN or a moved URL serves it, is decoded by @sd-jwt/jwt-status-list 0.19.0 and its
// signature verified by jose with the issuer's key from its /.well-known/jwt-vc-issuer metadata.
// The issuer is the real one: `vesper up` on free loopback ports in a temporary directory.
// Run from the repository root after the Maven build: node interop/status-redirect.mjs
import { spawn } from 'node:child_process';
import { createServer } from 'node:http';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import assert from 'node:assert/strict';
import { getListFromStatusListJWT } from '@sd-jwt/jwt-status-list';
import { importJWK, jwtVerify } from 'jose';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const jar = join(root, 'cli', 'target', 'vesper-cli.jar');
const work = mkdtempSync(join(tmpdir(), 'vesper-interop-stack-'));

let passed = 0;
let failed = 0;
async function check(name, fn) {
  try {
    await fn();
    passed++;
    console.log(`ok   ${name}`);
  } catch (e) {
    failed++;
    console.log(`FAIL ${name}: ${e.message}`);
  }
}

// `vesper up --json` prints the stack's facts as one JSON line once it is up.
const stack = spawn('java', ['-jar', jar, 'up', '--base-port', '0', '--data', join(work, 'stack'), '--json'],
  { stdio: ['ignore', 'pipe', 'pipe'] });
let stderr = '';
stack.stderr.on('data', (d) => { stderr += d; });
const up = new Promise((resolve, reject) => {
  let out = '';
  const timer = setTimeout(() => reject(new Error(`the stack did not come up in 180 s:\n${stderr}`)), 180_000);
  stack.stdout.on('data', (d) => {
    out += d;
    const nl = out.indexOf('\n');
    if (nl >= 0) {
      clearTimeout(timer);
      resolve(JSON.parse(out.slice(0, nl)));
    }
  });
  stack.on('exit', (code) => reject(new Error(`the stack exited (${code}):\n${stderr}`)));
});

try {
  await run(await up);
} catch (e) {
  failed++;
  console.log(`FAIL the status list checks could not run: ${e.message}`);
} finally {
  stack.kill('SIGTERM');
  await new Promise((r) => { if (stack.exitCode !== null) r(); else stack.on('exit', r); });
  rmSync(work, { recursive: true, force: true });
}
console.log(`interop (status lists through redirects): ${passed} passed, ${failed} failed`);
process.exit(failed === 0 && passed > 0 ? 0 : 1);

async function run(facts) {
  const issuer = facts.issuer.url;
  const entity = facts.demo.enterprise.issuer_entity;
  // The demo enterprise's token as the issuer knows it: its id and status list reference.
  const tokens = await (await fetch(`${issuer}/v1/entities/${entity.id}/tokens`, { headers: { Authorization: `Bearer ${entity.api_key}` } })).json();
  const tokenId = tokens.tokens[0].id;
  const { uri, idx } = tokens.tokens[0].status_list;

  // A redirector in front of the issuer: /moved answers 302 to /cdn, which answers 307 to the list.
  const redirector = createServer((req, res) => {
    const location = req.url === '/moved' ? '/cdn' : uri;
    res.writeHead(req.url === '/moved' ? 302 : 307, { Location: location });
    res.end();
  });
  await new Promise((r) => redirector.listen(0, '127.0.0.1', r));
  const via = `http://127.0.0.1:${redirector.address().port}/moved`;
  const metadata = await (await fetch(`${issuer}/.well-known/jwt-vc-issuer`)).json();

  async function fetchList() {
    const r = await fetch(via, { headers: { Accept: 'application/statuslist+jwt' }, redirect: 'follow' });
    assert.equal(r.status, 200);
    assert.ok(r.redirected, 'the list came through the redirects');
    assert.equal(r.headers.get('content-type'), 'application/statuslist+jwt');
    return r.text();
  }

  await check('C2 @sd-jwt/jwt-status-list decodes our status list fetched through two redirects; jose verifies it with the metadata key', async () => {
    const jwt = await fetchList();
    assert.equal(getListFromStatusListJWT(jwt).getStatus(idx), 0);
    const { payload, protectedHeader } = await jwtVerify(jwt, await importJWK(metadata.jwks.keys[0], 'ES256'), { typ: 'statuslist+jwt' });
    assert.equal(protectedHeader.kid, metadata.jwks.keys[0].kid);
    assert.equal(payload.sub, uri);
    assert.equal(metadata.issuer, issuer);
  });

  await check('C3 a revocation shows in the list the peer decodes through the redirects', async () => {
    const r = await fetch(`${issuer}/v1/tokens/${tokenId}/revoke`, {
      method: 'POST', headers: { Authorization: `Bearer ${facts.admin_key}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ reason: 'holder_request' }),
    });
    assert.equal(r.status, 200, await r.text());
    assert.equal(getListFromStatusListJWT(await fetchList()).getStatus(idx), 1);
  });

  await check('C4 the list endpoint answers 501 for ?time= and 406 for an Accept of statuslist+cwt', async () => {
    const history = await fetch(`${uri}?time=1700000000`, { headers: { Accept: 'application/statuslist+jwt' } });
    assert.equal(history.status, 501);
    assert.equal((await history.json()).error, 'request.not_implemented');
    const cwt = await fetch(uri, { headers: { Accept: 'application/statuslist+cwt' } });
    assert.equal(cwt.status, 406);
    assert.equal((await cwt.json()).error, 'request.not_acceptable');
  });

  redirector.close();
}

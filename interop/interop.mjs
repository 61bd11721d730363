// Interop with the peer implementation @sd-jwt/core 0.19.0 (+ @sd-jwt/crypto-nodejs), both directions,
// with @sd-jwt/jwt-status-list 0.19.0 for the issuer server's status lists (C), and with
// @sd-jwt/sd-jwt-vc 0.19.0 for the SD-JWT VC rules (D):
//   A. the peer issues and presents (nested objects, array elements, decoys, KB-JWT); our CLI verifies.
//   B. our CLI issues and presents (a VESPER token: nested address, tn array elements, decoys); the peer verifies.
//   D. the SD-JWT VC peer verifies our tokens, and mints VESPER-shaped tokens our verifier must judge:
//      one with status visible (accepted), one with status.status_list selectively disclosable (refused).
// Run from the repository root after the Maven build: node interop/interop.mjs
import crypto from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import assert from 'node:assert/strict';
import { SDJwtInstance } from '@sd-jwt/core';
import { ES256, digest } from '@sd-jwt/crypto-nodejs';
import { getListFromStatusListJWT } from '@sd-jwt/jwt-status-list';
import { SDJwtVcInstance } from '@sd-jwt/sd-jwt-vc';

const decodeJwt = (jwt) => {
  const [h, p] = jwt.split('.');
  return { header: JSON.parse(Buffer.from(h, 'base64url')), payload: JSON.parse(Buffer.from(p, 'base64url')) };
};

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const jar = join(root, 'cli', 'target', 'vesper-cli.jar');
const work = mkdtempSync(join(tmpdir(), 'vesper-interop-'));
const vesper = (args, input) =>
  execFileSync('java', ['-jar', jar, ...args], { input, encoding: 'utf8', stdio: ['pipe', 'pipe', 'pipe'] });
const vesperStatus = (args, input) => {
  try {
    return { code: 0, out: vesper(args, input) };
  } catch (e) {
    return { code: e.status, out: e.stdout, err: e.stderr };
  }
};
const pub = ({ d, key_ops, ext, ...p }) => p;
const now = () => Math.floor(Date.now() / 1000);

// The peer's configuration: ES256 issuer (and holder) keys, SHA-256, 128-bit salts.
async function peerConfig(issuerJwk, holderJwk) {
  return {
    signer: await ES256.getSigner(issuerJwk), signAlg: 'ES256',
    verifier: await ES256.getVerifier(pub(issuerJwk)),
    kbSigner: holderJwk ? await ES256.getSigner(holderJwk) : undefined, kbSignAlg: 'ES256',
    kbVerifier: async (data, sig, payload) => (await ES256.getVerifier(payload.cnf.jwk))(data, sig),
    hasher: digest, hashAlg: 'sha-256',
    saltGenerator: () => crypto.randomBytes(16).toString('base64url'),
  };
}
const peer = async (issuerJwk, holderJwk) => new SDJwtInstance(await peerConfig(issuerJwk, holderJwk));

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

// ---- A: peer issues and presents, we verify --------------------------------------------------
const issuerKeys = await ES256.generateKeyPair();
const holderKeys = await ES256.generateKeyPair();
writeFileSync(join(work, 'peer-issuer.pub.jwk'), JSON.stringify(issuerKeys.publicKey));
const peerSdJwt = await peer(issuerKeys.privateKey, holderKeys.privateKey);
const aud = 'https://verifier.example';
const nonce = crypto.randomBytes(8).toString('hex');
const issued = await peerSdJwt.issue(
  { iss: 'https://peer.example', iat: now(), exp: now() + 3600, cnf: { jwk: pub(holderKeys.publicKey) },
    given_name: 'Erika', address: { locality: 'Köln', country: 'DE' }, nationalities: ['DE', 'FR'] },
  { _sd: ['given_name', 'address', 'nationalities'], address: { _sd: ['locality', 'country'], _sd_decoy: 2 },
    nationalities: { _sd: [0, 1] }, _sd_decoy: 3 });
const presented = await peerSdJwt.present(
  issued, { given_name: true, address: { locality: true }, nationalities: { 1: true } },
  { kb: { payload: { iat: now(), aud, nonce } } });

await check('A1 we accept the peer SD-JWT+KB (generic profile) with exactly the disclosed claims', async () => {
  const r = vesperStatus(['verify', '--issuer-key', join(work, 'peer-issuer.pub.jwk'), '--profile', 'generic',
    '--aud', aud, '--nonce', nonce, '--require', 'given_name', '--require', 'address.locality'], presented);
  assert.equal(r.code, 0, r.out + (r.err || ''));
  const out = JSON.parse(r.out);
  assert.equal(out.valid, true);
  assert.equal(out.claims.given_name, 'Erika');
  assert.deepEqual(out.claims.address, { locality: 'Köln' });
  assert.deepEqual(out.claims.nationalities, ['FR']);
});

await check('A2 we refuse the peer presentation for another nonce', async () => {
  const r = vesperStatus(['verify', '--issuer-key', join(work, 'peer-issuer.pub.jwk'), '--profile', 'generic',
    '--aud', aud, '--nonce', 'other'], presented);
  assert.equal(r.code, 1);
  assert.equal(JSON.parse(r.out).error, 'key_binding.nonce_mismatch');
});

await check('A3 we verify the peer SD-JWT without KB under --no-kb, and refuse it when KB is required', async () => {
  const plain = await peerSdJwt.present(issued, { given_name: true });
  const ok = vesperStatus(['verify', '--issuer-key', join(work, 'peer-issuer.pub.jwk'), '--profile', 'generic', '--no-kb'], plain);
  assert.equal(ok.code, 0, ok.out);
  const kb = vesperStatus(['verify', '--issuer-key', join(work, 'peer-issuer.pub.jwk'), '--profile', 'generic',
    '--aud', aud, '--nonce', nonce], plain);
  assert.equal(JSON.parse(kb.out).error, 'key_binding.missing');
});

// ---- B: we issue and present, the peer verifies -----------------------------------------------
vesper(['keys', 'generate', '--out', join(work, 'issuer.jwk'), '--kid', 'interop-issuer']);
vesper(['keys', 'generate', '--out', join(work, 'holder.jwk')]);
writeFileSync(join(work, 'claims.json'), JSON.stringify({
  name: 'Acme Widgets Inc.', entity_type: 'organization',
  address: { locality: 'Washington', region: 'DC', country: 'US' },
  kyc: { level: 'substantial', method: 'document', vetted_at: 1764288000 },
  tn: ['+1 202 555 0100', { start: '12025550200', count: 100 }],
}));
const ourToken = vesper(['issue', '--issuer-key', join(work, 'issuer.jwk'), '--holder-key', join(work, 'holder.jwk'),
  '--claims', join(work, 'claims.json')]).trim();
writeFileSync(join(work, 'token.sdjwt'), ourToken);
const ourNonce = crypto.randomBytes(8).toString('hex');
const ourPresentation = vesper(['present', '--token', join(work, 'token.sdjwt'), '--holder-key', join(work, 'holder.jwk'),
  '--aud', aud, '--nonce', ourNonce, '--disclose', 'name', '--disclose', 'address.locality',
  '--disclose', 'tn=12025550250']).trim();
const ourIssuerJwk = JSON.parse(readFileSync(join(work, 'issuer.jwk'), 'utf8'));
const peerVerifier = await peer(ourIssuerJwk, undefined);

await check('B1 the peer accepts our SD-JWT+KB and sees exactly the disclosed claims', async () => {
  const { payload, kb } = await peerVerifier.verify(ourPresentation, { keyBindingNonce: ourNonce });
  assert.equal(kb.payload.aud, aud);
  assert.equal(payload.name, 'Acme Widgets Inc.');
  assert.deepEqual(payload.address, { locality: 'Washington' });
  assert.deepEqual(payload.tn, [{ start: '12025550200', count: 100 }]);
  assert.equal(payload.kyc, undefined);
  assert.equal(payload.entity_type, undefined);
});

await check('B2 the peer decodes our issued token (all disclosures) to the full claim set', async () => {
  const { payload } = await peerVerifier.verify(ourToken);
  assert.equal(payload.kyc.level, 'substantial');
  assert.deepEqual(payload.tn, ['12025550100', { start: '12025550200', count: 100 }]);
  assert.equal(payload.address.region, 'DC');
});

await check('B3 the peer refuses our presentation when its sd_hash no longer matches', async () => {
  const parts = ourPresentation.split('~');
  const tampered = [parts[0], ...parts.slice(2, -1), parts.at(-1)].join('~');
  await assert.rejects(peerVerifier.verify(tampered, { keyBindingNonce: ourNonce }));
});

// ---- C: the peer decodes the issuer server's status list --------------------------------------
// issuer-server's StatusListExportTest (run by the Maven build) publishes a list after one revocation
// and one suspension and writes it, with the statuses it set, to target/interop/status-list.json.
const exported = JSON.parse(readFileSync(join(root, 'issuer-server', 'target', 'interop', 'status-list.json'), 'utf8'));

await check('C1 @sd-jwt/jwt-status-list decodes our statuslist+jwt to the statuses the issuer set', async () => {
  const list = getListFromStatusListJWT(exported.token);
  assert.equal(list.getBitsPerStatus(), 2);
  for (const [idx, status] of Object.entries(exported.expect)) {
    assert.equal(list.getStatus(Number(idx)), status, `index ${idx}`);
  }
  const { payload, header } = decodeJwt(exported.token);
  assert.equal(header.typ, 'statuslist+jwt');
  assert.equal(payload.sub, exported.uri);
  assert.ok(payload.ttl > 0 && payload.exp > payload.iat);
});

// ---- D: SD-JWT VC (@sd-jwt/sd-jwt-vc) -----------------------------------------------------------
const vcPeer = async (issuerJwk, holderJwk) => new SDJwtVcInstance(await peerConfig(issuerJwk, holderJwk));

await check('D1 @sd-jwt/sd-jwt-vc accepts our SD-JWT VC presentation and our issued token', async () => {
  const vc = await vcPeer(ourIssuerJwk, undefined);
  const { payload, header, kb } = await vc.verify(ourPresentation, { keyBindingNonce: ourNonce, requiredClaimKeys: ['name'] });
  assert.equal(header.typ, 'dc+sd-jwt');
  assert.equal(payload.vct, 'https://vesper.dev/vct/identity/v1');
  assert.equal(kb.payload.aud, aud);
  assert.equal(payload.name, 'Acme Widgets Inc.');
  assert.equal((await vc.verify(ourToken)).payload.kyc.level, 'substantial');
});

const vesperShaped = {
  iss: 'https://peer.example', iat: now(), exp: now() + 3600, vct: 'https://vesper.dev/vct/identity/v1',
  cnf: { jwk: pub(holderKeys.publicKey) }, status: { status_list: { idx: 3, uri: 'https://peer.example/status/1' } },
  name: 'Peer Widgets Ltd.', tn: ['12025550100'],
};
const vcIssuer = await vcPeer(issuerKeys.privateKey, holderKeys.privateKey);
const vcNonce = crypto.randomBytes(8).toString('hex');
const vcPresent = async (frame) => vcIssuer.present(
  await vcIssuer.issue(vesperShaped, frame), { name: true, tn: { 0: true }, status: { status_list: true } },
  { kb: { payload: { iat: now(), aud, nonce: vcNonce } } });
const ourVerify = (presentation) => vesperStatus(['verify', '--issuer-key', join(work, 'peer-issuer.pub.jwk'),
  '--aud', aud, '--nonce', vcNonce], presentation);

await check('D2 we accept a VESPER-shaped SD-JWT VC minted by the peer with status always visible', async () => {
  const r = ourVerify(await vcPresent({ _sd: ['name', 'tn'], tn: { _sd: [0] } }));
  assert.equal(r.code, 0, r.out + (r.err || ''));
  const out = JSON.parse(r.out);
  assert.equal(out.claims.name, 'Peer Widgets Ltd.');
  assert.deepEqual(out.claims.status, vesperShaped.status);
});

await check('D3 we refuse a peer SD-JWT VC whose status.status_list is selectively disclosed', async () => {
  const frame = { _sd: ['name', 'tn'], tn: { _sd: [0] }, status: { _sd: ['status_list'] } };
  const presentation = await vcPresent(frame);
  const { payload } = decodeJwt(presentation.split('~')[0]);
  assert.ok(Array.isArray(payload.status._sd), 'the peer embedded a digest inside status');
  const r = ourVerify(presentation);
  assert.equal(r.code, 1, r.out + (r.err || ''));
  assert.equal(JSON.parse(r.out).error, 'profile.bad_claim');
  // Withholding the status disclosure does not help either: the embedding itself is refused.
  const withheld = await vcIssuer.present(await vcIssuer.issue(vesperShaped, frame), { name: true, tn: { 0: true } },
    { kb: { payload: { iat: now(), aud, nonce: vcNonce } } });
  assert.equal(JSON.parse(ourVerify(withheld).out).error, 'profile.bad_claim');
});

rmSync(work, { recursive: true, force: true });
console.log(`interop: ${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);

// The peer's side of the benchmark (docs/benchmarks.md): the same four operations as
// benchmarks/TokenBenchmarks with @sd-jwt/core 0.19.0 on Node's crypto, one thread.
// Usage: node interop/bench-peer.mjs [seconds-per-operation]
import crypto from 'node:crypto';
import { SDJwtInstance } from '@sd-jwt/core';
import { ES256, digest } from '@sd-jwt/crypto-nodejs';

const seconds = Number(process.argv[2] || 5);
const pub = ({ d, key_ops, ext, ...p }) => p;
const issuerKeys = await ES256.generateKeyPair();
const holderKeys = await ES256.generateKeyPair();
const sdjwt = new SDJwtInstance({
  signer: await ES256.getSigner(issuerKeys.privateKey), signAlg: 'ES256',
  verifier: await ES256.getVerifier(pub(issuerKeys.publicKey)),
  kbSigner: await ES256.getSigner(holderKeys.privateKey), kbSignAlg: 'ES256',
  kbVerifier: async (data, sig, payload) => (await ES256.getVerifier(payload.cnf.jwk))(data, sig),
  hasher: digest, hashAlg: 'sha-256',
  saltGenerator: () => crypto.randomBytes(16).toString('base64url'),
});
const now = Math.floor(Date.now() / 1000);
// Same shape as our token: name, entity_type, address (3 parts), kyc (3 parts), tn (3 elements), decoys.
const claims = {
  iss: 'https://issuer.example', iat: now, exp: now + 31536000, vct: 'https://vesper.dev/vct/identity/v1',
  cnf: { jwk: pub(holderKeys.publicKey) },
  name: 'Acme Widgets Inc.', entity_type: 'organization',
  address: { street_address: '1 Main St', locality: 'Washington', country: 'US' },
  kyc: { level: 'substantial', method: 'document', vetted_at: 1764288000 },
  tn: ['12025550100', '12025550101', { start: '12025550200', count: 100 }],
};
const frame = {
  _sd: ['name', 'entity_type', 'address', 'kyc', 'tn'], _sd_decoy: 2,
  address: { _sd: ['street_address', 'locality', 'country'], _sd_decoy: 2 },
  kyc: { _sd: ['level', 'method', 'vetted_at'], _sd_decoy: 2 },
  tn: { _sd: [0, 1, 2] },
};
const aud = 'sip:verifier.example';
const nonce = 'call-nonce-1';
const issued = await sdjwt.issue(claims, frame, { header: { typ: 'dc+sd-jwt' } });
const presentFrame = { name: true, tn: { 0: true } };
const presentation = await sdjwt.present(issued, presentFrame, { kb: { payload: { iat: now, aud, nonce } } });

async function measure(name, op) {
  for (let i = 0; i < 200; i++) await op();               // warm-up
  let n = 0;
  const end = process.hrtime.bigint() + BigInt(seconds * 1e9);
  const start = process.hrtime.bigint();
  while (process.hrtime.bigint() < end) {
    await op();
    n++;
  }
  const us = Number(process.hrtime.bigint() - start) / 1000 / n;
  console.log(`peer ${name.padEnd(28)} ${us.toFixed(1).padStart(8)} us/op  (${n} ops)`);
  return us;
}

await measure('issue', () => sdjwt.issue(claims, frame, { header: { typ: 'dc+sd-jwt' } }));
await measure('present', () => sdjwt.present(issued, presentFrame, { kb: { payload: { iat: now, aud, nonce } } }));
await measure('verify (KB, 3 disclosures)', () => sdjwt.verify(presentation, { keyBindingNonce: nonce }));

// OpenID4VCI 1.0 and OpenID4VP 1.0 (DCQL) with the @openid4vc 0.4.6 peers, @sd-jwt/* 0.19.0, dcql and jose:
//   1. Openid4vciClient (peer wallet) gets VESPER tokens from our issuer by a credential offer; @sd-jwt/sd-jwt-vc verifies them.
//   2. Our holder (wallet) gets a credential from Openid4vciIssuer + Oauth2AuthorizationServer (peer issuer).
//   3. Openid4vpClient (peer wallet) answers our verifier's DCQL request; our verifier reports exactly the asked claims.
//   4. Our holder answers an Openid4vpVerifier request (x509_san_dns:, signed at request_uri); the peer verifies the response.
// Plus refusals across the boundary. Needs the built CLI (cli/target/vesper-cli.jar) and openssl; everything on loopback.
// Run from the repository root: node interop/openid4vc.mjs
import crypto from 'node:crypto';
import http from 'node:http';
import { spawn, execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import assert from 'node:assert/strict';
import * as jose from 'jose';
import { setGlobalConfig, Oauth2AuthorizationServer, clientAuthenticationAnonymous, preAuthorizedCodeGrantIdentifier } from '@openid4vc/oauth2';
import { Openid4vciClient, Openid4vciIssuer } from '@openid4vc/openid4vci';
import { Openid4vpClient, Openid4vpVerifier } from '@openid4vc/openid4vp';
import { SDJwtVcInstance } from '@sd-jwt/sd-jwt-vc';
import { ES256, digest } from '@sd-jwt/crypto-nodejs';
import { DcqlQuery, DcqlPresentationResult } from 'dcql';

setGlobalConfig({ allowInsecureUrls: true }); // everything here is http on loopback

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const jar = join(root, 'cli', 'target', 'vesper-cli.jar');
const work = mkdtempSync(join(tmpdir(), 'vesper-oid4vc-'));
const VCT = 'https://vesper.dev/vct/identity/v1';
const now = () => Math.floor(Date.now() / 1000);
const children = [];
let passed = 0;
let failed = 0;
async function check(name, fn) {
  try {
    await fn();
    passed++;
    console.log(`ok   ${name}`);
  } catch (e) {
    failed++;
    console.log(`FAIL ${name}: ${e.stack || e.message}`);
  }
}

// ---- callbacks the @openid4vc peers need, over jose and node:crypto ----------------------------------
const keyring = []; // { publicJwk, privateKey, x5c? }
async function newKey(x5c) {
  const { publicKey, privateKey } = await jose.generateKeyPair('ES256', { extractable: true });
  const entry = { publicJwk: await jose.exportJWK(publicKey), privateJwk: await jose.exportJWK(privateKey), privateKey, x5c };
  keyring.push(entry);
  return entry;
}
const sameKey = (a, b) => a && b && a.x === b.x && a.y === b.y;
const x509Metadata = (b64) => {
  const san = new crypto.X509Certificate(Buffer.from(b64, 'base64')).subjectAltName || '';
  const names = san.split(', ');
  return { sanDnsNames: names.filter((n) => n.startsWith('DNS:')).map((n) => n.slice(4)),
    sanUriNames: names.filter((n) => n.startsWith('URI:')).map((n) => n.slice(4)) };
};
const callbacks = {
  hash: (data, alg) => crypto.createHash(alg.replace('-', '').toLowerCase()).update(data).digest(),
  generateRandom: (n) => crypto.randomBytes(n),
  clientAuthentication: clientAuthenticationAnonymous(),
  getX509CertificateMetadata: x509Metadata,
  fetch: (...args) => fetch(...args),
  signJwt: async (signer, { header, payload }) => {
    const key = signer.method === 'x5c' ? keyring.find((k) => k.x5c && k.x5c[0] === signer.x5c[0])
      : keyring.find((k) => sameKey(k.publicJwk, signer.publicJwk));
    if (!key) throw new Error('no private key for signer ' + signer.method);
    return { jwt: await new jose.SignJWT(payload).setProtectedHeader(header).sign(key.privateKey), signerJwk: key.publicJwk };
  },
  verifyJwt: async (signer, { compact }) => {
    try {
      let key;
      let jwk;
      if (signer.method === 'x5c') {
        const pem = `-----BEGIN CERTIFICATE-----\n${signer.x5c[0]}\n-----END CERTIFICATE-----`;
        key = await jose.importX509(pem, signer.alg);
        jwk = await jose.exportJWK(key);
      } else if (signer.method === 'jwk') {
        jwk = signer.publicJwk;
        key = await jose.importJWK(jwk, signer.alg);
      } else {
        return { verified: false };
      }
      await jose.compactVerify(compact, key);
      return { verified: true, signerJwk: jwk };
    } catch (e) {
      return { verified: false };
    }
  },
};

// ---- processes and servers -------------------------------------------------------------------------
function vesper(args, env = {}) {
  const child = spawn('java', ['-jar', jar, ...args], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  children.push(child);
  return child;
}
function firstLine(child, matcher, what) {
  return new Promise((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`${what} did not start in 120 s:\n${out.slice(-2000)}`)), 120_000);
    const onData = (d) => {
      out += d.toString();
      for (const line of out.split('\n')) {
        const m = matcher(line);
        if (m) {
          clearTimeout(timer);
          resolve(m);
          return;
        }
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.on('exit', (code) => reject(new Error(`${what} exited with ${code}:\n${out.slice(-2000)}`)));
  });
}
function serve(handler) {
  return new Promise((resolve) => {
    const server = http.createServer(async (req, res) => {
      let body = '';
      for await (const chunk of req) body += chunk;
      try {
        const out = await handler(req, body);
        res.writeHead(out.status || 200, { 'Content-Type': out.type || 'application/json', ...(out.headers || {}) });
        res.end(typeof out.body === 'string' ? out.body : JSON.stringify(out.body));
      } catch (e) {
        const err = e.errorResponse || { error: 'server_error', error_description: String(e.message) };
        res.writeHead(e.statusCode || 400, { 'Content-Type': 'application/json' });
        res.end(JSON.stringify(err));
      }
    });
    server.listen(0, '127.0.0.1', () => resolve(server));
  });
}
async function json(method, url, key, body, form) {
  const headers = {};
  if (key) headers.Authorization = 'Bearer ' + key;
  if (body !== undefined) headers['Content-Type'] = form ? 'application/x-www-form-urlencoded' : 'application/json';
  const r = await fetch(url, { method, headers, body: body === undefined ? undefined : (form ? body : JSON.stringify(body)) });
  const text = await r.text();
  return { status: r.status, body: text ? JSON.parse(text) : null };
}
const sdjwt = (signerKey, verifierJwk, holderKey) => (async () => new SDJwtVcInstance({
  signer: signerKey ? await ES256.getSigner(signerKey.privateJwk) : undefined, signAlg: 'ES256',
  verifier: verifierJwk ? await ES256.getVerifier(verifierJwk) : undefined,
  kbSigner: holderKey ? await ES256.getSigner(holderKey.privateJwk) : undefined, kbSignAlg: 'ES256',
  kbVerifier: async (data, sig, payload) => (await ES256.getVerifier(payload.cnf.jwk))(data, sig),
  hasher: digest, hashAlg: 'sha-256', saltGenerator: () => crypto.randomBytes(16).toString('base64url'),
}))();

// The issuer orders a token's tn elements at random (the order must not tell which number an entity
// registered first), so a presentation picks the element holding the number by its decoded position.
const tnIndex = async (token, number) => {
  const claims = await (await sdjwt(null, null, null)).getClaims(token);
  const i = claims.tn.indexOf(number);
  assert.ok(i >= 0, `the token names ${number}`);
  return i;
};

// ---- the local stack (issuer, holder, verifier) ------------------------------------------------------
const stackProcess = vesper(['up', '--data', join(work, 'stack'), '--base-port', '0', '--json']);
const facts = await firstLine(stackProcess, (l) => (l.startsWith('{"issuer"') ? JSON.parse(l) : null), 'vesper up');
const issuerUrl = facts.issuer.url;
const verifierUrl = facts.verifier.url;
const acme = facts.demo.enterprise;
const issuerJwks = facts.issuer.jwks;

// ---- 1. peer wallet <- our issuer ----------------------------------------------------------------------
const peerHolderKeys = [];
let heldToken;
await check('1 Openid4vciClient redeems our offer (tx_code, batch of 2) and @sd-jwt/sd-jwt-vc verifies each token', async () => {
  const offer = (await json('POST', `${issuerUrl}/v1/entities/${acme.issuer_entity.id}/credential-offers`, acme.issuer_entity.api_key, { tx_code: true })).body;
  const client = new Openid4vciClient({ callbacks });
  const credentialOffer = await client.resolveCredentialOffer(offer.offer);
  const issuerMetadata = await client.resolveIssuerMetadata(credentialOffer.credential_issuer);
  assert.equal(issuerMetadata.credentialIssuer.credential_issuer, issuerUrl);
  const { accessTokenResponse } = await client.retrievePreAuthorizedCodeAccessTokenFromOffer({ credentialOffer, issuerMetadata, txCode: offer.tx_code });
  const { c_nonce } = await client.requestNonce({ issuerMetadata });
  const jwts = [];
  for (let i = 0; i < 2; i++) {
    const key = await newKey();
    peerHolderKeys.push(key);
    const { jwt } = await client.createCredentialRequestJwtProof({ issuerMetadata, credentialConfigurationId: 'vesper_identity', nonce: c_nonce,
      signer: { method: 'jwk', alg: 'ES256', publicJwk: key.publicJwk } });
    jwts.push(jwt);
  }
  const { credentialResponse } = await client.retrieveCredentials({ issuerMetadata, accessToken: accessTokenResponse.access_token,
    credentialConfigurationId: 'vesper_identity', proofs: { jwt: jwts } });
  assert.equal(credentialResponse.credentials.length, 2);
  const verifier = await sdjwt(null, issuerJwks.keys[0]);
  for (const [i, { credential }] of credentialResponse.credentials.entries()) {
    const { payload, header } = await verifier.verify(credential);
    assert.equal(header.typ, 'dc+sd-jwt');
    assert.equal(payload.vct, VCT);
    assert.equal(payload.iss, issuerUrl);
    assert.equal(payload.name, 'Acme Widgets Inc. (demo)');
    assert.ok(sameKey(payload.cnf.jwk, peerHolderKeys[i].publicJwk), 'each token is bound to its own proof key');
  }
  heldToken = { token: credentialResponse.credentials[0].credential, key: peerHolderKeys[0] };
  await assert.rejects(client.retrievePreAuthorizedCodeAccessTokenFromOffer({ credentialOffer, issuerMetadata, txCode: offer.tx_code }),
    'a replayed pre-authorized code is refused');
});

await check('1b our issuer refuses the peer wallet: wrong tx_code (invalid_grant), reused c_nonce and foreign aud (invalid_nonce, invalid_proof)', async () => {
  const offer = (await json('POST', `${issuerUrl}/v1/entities/${acme.issuer_entity.id}/credential-offers`, acme.issuer_entity.api_key, { tx_code: true })).body;
  const client = new Openid4vciClient({ callbacks });
  const credentialOffer = await client.resolveCredentialOffer(offer.offer);
  const issuerMetadata = await client.resolveIssuerMetadata(credentialOffer.credential_issuer);
  await assert.rejects(client.retrievePreAuthorizedCodeAccessTokenFromOffer({ credentialOffer, issuerMetadata, txCode: '000000' }),
    (e) => JSON.stringify(e.errorResponse || e.message).includes('invalid_grant'));
  const { accessTokenResponse } = await client.retrievePreAuthorizedCodeAccessTokenFromOffer({ credentialOffer, issuerMetadata, txCode: offer.tx_code });
  const key = await newKey();
  const signer = { method: 'jwk', alg: 'ES256', publicJwk: key.publicJwk };
  const spent = (await client.requestNonce({ issuerMetadata })).c_nonce;
  const ask = async (jwt) => client.retrieveCredentials({ issuerMetadata, accessToken: accessTokenResponse.access_token,
    credentialConfigurationId: 'vesper_identity', proofs: { jwt: [jwt] } });
  const foreign = (await callbacks.signJwt(signer, { header: { alg: 'ES256', typ: 'openid4vci-proof+jwt', jwk: key.publicJwk },
    payload: { aud: 'https://elsewhere.example', iat: now(), nonce: spent } })).jwt;
  await assert.rejects(ask(foreign), (e) => e.message.includes('"error": "invalid_proof"'));
  assert.ok((await ask((await client.createCredentialRequestJwtProof({ issuerMetadata, credentialConfigurationId: 'vesper_identity', nonce: spent, signer })).jwt)).credentialResponse);
  const offer2 = (await json('POST', `${issuerUrl}/v1/entities/${acme.issuer_entity.id}/credential-offers`, acme.issuer_entity.api_key, {})).body;
  const credentialOffer2 = await client.resolveCredentialOffer(offer2.offer);
  const token2 = (await client.retrievePreAuthorizedCodeAccessTokenFromOffer({ credentialOffer: credentialOffer2, issuerMetadata })).accessTokenResponse;
  await assert.rejects(client.retrieveCredentials({ issuerMetadata, accessToken: token2.access_token, credentialConfigurationId: 'vesper_identity',
    proofs: { jwt: [(await client.createCredentialRequestJwtProof({ issuerMetadata, credentialConfigurationId: 'vesper_identity', nonce: spent, signer })).jwt] } }),
  (e) => e.message.includes('"error": "invalid_nonce"'));
});

// ---- 2. our holder <- peer issuer ------------------------------------------------------------------
const peerIssuerKey = await newKey();
writeFileSync(join(work, 'peer-issuer.jwk'), JSON.stringify({ ...peerIssuerKey.publicJwk, kid: 'peer-issuer' }));
// The verifier CA (for 4) and its certificate for localhost, by openssl.
const ca = (...args) => execFileSync('openssl', args, { cwd: work, stdio: ['ignore', 'pipe', 'pipe'] });
ca('ecparam', '-name', 'prime256v1', '-genkey', '-noout', '-out', 'root.key');
ca('req', '-x509', '-new', '-key', 'root.key', '-sha256', '-days', '2', '-subj', '/CN=Interop verifier root', '-out', 'root.pem',
  '-addext', 'basicConstraints=critical,CA:TRUE', '-addext', 'keyUsage=critical,keyCertSign');
ca('ecparam', '-name', 'prime256v1', '-genkey', '-noout', '-out', 'leaf.key');
ca('req', '-new', '-key', 'leaf.key', '-subj', '/CN=localhost', '-out', 'leaf.csr');
writeFileSync(join(work, 'leaf.ext'), 'subjectAltName=DNS:localhost\nkeyUsage=critical,digitalSignature\n');
ca('x509', '-req', '-in', 'leaf.csr', '-CA', 'root.pem', '-CAkey', 'root.key', '-CAcreateserial', '-days', '1', '-sha256', '-extfile', 'leaf.ext', '-out', 'leaf.pem');
const leafDer = new crypto.X509Certificate(readFileSync(join(work, 'leaf.pem'))).raw.toString('base64');
const leafKey = crypto.createPrivateKey(readFileSync(join(work, 'leaf.key')));
keyring.push({ publicJwk: crypto.createPublicKey(leafKey).export({ format: 'jwk' }), privateKey: leafKey, x5c: [leafDer] });

const adminKey = crypto.randomBytes(24).toString('hex');
const holderProcess = vesper(['holder', 'serve', '--port', '0', '--data', join(work, 'holder'), '--trust-issuer', join(work, 'peer-issuer.jwk'),
  '--verifier-root', join(work, 'root.pem'), '--allow-loopback-http-for-local-testing'], { VESPER_ADMIN_KEY: adminKey });
const holderUrl = await firstLine(holderProcess, (l) => l.match(/holder service on (http:\/\/[0-9.:]+)/)?.[1], 'vesper holder serve');
const tenant = (await json('POST', `${holderUrl}/v1/tenants`, adminKey, { name: 'interop tenant' })).body.api_key;

const peerIssuer = new Openid4vciIssuer({ callbacks });
const peerAs = new Oauth2AuthorizationServer({ callbacks });
const codes = new Map(); // pre-authorized code -> tx_code
const nonces = new Set();
const accessTokens = new Set();
let peerIssuerUrl;
const peerIssuerServer = await serve(async (req, body) => {
  const url = new URL(req.url, peerIssuerUrl);
  const metadata = peerIssuer.createCredentialIssuerMetadata({
    credential_issuer: peerIssuerUrl, credential_endpoint: `${peerIssuerUrl}/credential`, nonce_endpoint: `${peerIssuerUrl}/nonce`,
    batch_credential_issuance: { batch_size: 2 },
    credential_configurations_supported: { vesper: { format: 'dc+sd-jwt', vct: VCT, cryptographic_binding_methods_supported: ['jwk'],
      credential_signing_alg_values_supported: ['ES256'], proof_types_supported: { jwt: { proof_signing_alg_values_supported: ['ES256'] } },
      credential_metadata: { display: [{ name: 'VESPER identity (peer issuer)', locale: 'en' }] } } } });
  const asMetadata = peerAs.createAuthorizationServerMetadata({ issuer: peerIssuerUrl, token_endpoint: `${peerIssuerUrl}/token`,
    grant_types_supported: [preAuthorizedCodeGrantIdentifier], 'pre-authorized_grant_anonymous_access_supported': true });
  const issuerMetadata = { originalDraftVersion: 'V1', credentialIssuer: metadata, authorizationServers: [asMetadata],
    knownCredentialConfigurations: peerIssuer.getKnownCredentialConfigurationsSupported(metadata) };
  if (url.pathname === '/.well-known/openid-credential-issuer') return { body: metadata };
  if (url.pathname === '/.well-known/oauth-authorization-server') return { body: asMetadata };
  const requestLike = { headers: new Headers(req.headers), method: req.method, url: url.toString() };
  if (url.pathname === '/token') {
    const accessTokenRequest = Object.fromEntries(new URLSearchParams(body));
    const parsed = peerAs.parseAccessTokenRequest({ request: requestLike, accessTokenRequest });
    const code = parsed.grant.preAuthorizedCode;
    if (!codes.has(code)) return { status: 400, body: { error: 'invalid_grant' } };
    await peerAs.verifyPreAuthorizedCodeAccessTokenRequest({ authorizationServerMetadata: asMetadata, grant: parsed.grant,
      accessTokenRequest: parsed.accessTokenRequest, request: requestLike, expectedPreAuthorizedCode: code, expectedTxCode: codes.get(code) });
    codes.delete(code);
    const response = await peerAs.createAccessTokenResponse({ audience: `${peerIssuerUrl}/credential`, authorizationServer: peerIssuerUrl,
      expiresInSeconds: 300, subject: 'interop', signer: { method: 'jwk', alg: 'ES256', publicJwk: peerIssuerKey.publicJwk } });
    accessTokens.add(response.access_token);
    return { body: response };
  }
  if (url.pathname === '/nonce') {
    const cNonce = crypto.randomBytes(16).toString('base64url');
    nonces.add(cNonce);
    return { headers: { 'Cache-Control': 'no-store' }, body: peerIssuer.createNonceResponse({ cNonce }) };
  }
  if (url.pathname === '/credential') {
    const token = (req.headers.authorization || '').replace(/^Bearer /, '');
    if (!accessTokens.delete(token)) return { status: 401, body: { error: 'invalid_token' } };
    const credentialRequest = peerIssuer.parseCredentialRequest({ issuerMetadata, credentialRequest: JSON.parse(body) });
    const instance = await sdjwt(peerIssuerKey);
    const credentials = [];
    let expectedNonce;
    for (const jwt of credentialRequest.proofs.jwt) {
      expectedNonce = JSON.parse(Buffer.from(jwt.split('.')[1], 'base64url')).nonce;
      if (!nonces.has(expectedNonce)) return { status: 400, body: { error: 'invalid_nonce' } };
      const { header } = await peerIssuer.verifyCredentialRequestJwtProof({ issuerMetadata, jwt, expectedNonce });
      credentials.push({ credential: await instance.issue(
        { iss: peerIssuerUrl, iat: now(), exp: now() + 3600, vct: VCT, cnf: { jwk: header.jwk },
          name: 'Peer-issued Org (interop)', entity_type: 'organization', address: { locality: 'Köln', country: 'DE' },
          tn: ['12025550777', { start: '12025550800', count: 10 }] },
        { _sd: ['name', 'entity_type', 'address', 'tn'], address: { _sd: ['locality', 'country'] }, tn: { _sd: [0, 1] } },
        { header: { typ: 'dc+sd-jwt', kid: 'peer-issuer' } }) });
    }
    nonces.delete(expectedNonce);
    return { body: peerIssuer.createCredentialResponse({ credentialRequest, credentials }) };
  }
  return { status: 404, body: { error: 'not_found' } };
});
peerIssuerUrl = `http://127.0.0.1:${peerIssuerServer.address().port}`;

await check('2 our holder redeems an Openid4vciIssuer offer (tx_code) for two tokens, one holder key each', async () => {
  const code = crypto.randomBytes(16).toString('base64url');
  codes.set(code, '493536');
  const { credentialOffer } = await peerIssuer.createCredentialOffer({ credentialConfigurationIds: ['vesper'],
    grants: { [preAuthorizedCodeGrantIdentifier]: { 'pre-authorized_code': code, tx_code: { input_mode: 'numeric', length: 6 } } },
    issuerMetadata: { originalDraftVersion: 'V1', authorizationServers: [], knownCredentialConfigurations: { vesper: { format: 'dc+sd-jwt', vct: VCT } },
      credentialIssuer: { credential_issuer: peerIssuerUrl, credential_endpoint: `${peerIssuerUrl}/credential`,
        credential_configurations_supported: { vesper: { format: 'dc+sd-jwt', vct: VCT } } } },
    credentialOfferScheme: 'openid-credential-offer://' });
  const r = await json('POST', `${holderUrl}/v1/credential-offers`, tenant, { offer: credentialOffer, tx_code: '493536', count: 2 });
  assert.equal(r.status, 201, JSON.stringify(r.body));
  assert.equal(r.body.tokens.length, 2);
  assert.notEqual(r.body.tokens[0].key_id, r.body.tokens[1].key_id);
  assert.equal(r.body.issuer, peerIssuerUrl);
  const again = await json('POST', `${holderUrl}/v1/credential-offers`, tenant, { offer: credentialOffer, tx_code: '493536' });
  assert.equal(again.status, 502, 'the peer refuses the spent code');
  assert.equal((await json('GET', `${holderUrl}/v1/tokens`, tenant)).body.tokens.length, 2, 'nothing more stored');
});

// ---- 3. peer wallet -> our verifier --------------------------------------------------------------------
const dcql = (number, ...paths) => ({ credentials: [{ id: 'vesper', format: 'dc+sd-jwt', meta: { vct_values: [VCT] },
  claims: [...paths.map((p) => ({ path: p.split('.') })), { path: ['tn', null], values: [number] }] }] });

await check('3 Openid4vpClient answers our verifier\'s DCQL request; our verifier reports exactly the asked claims', async () => {
  const created = (await json('POST', `${verifierUrl}/v1/presentation-requests`, null, { dcql_query: dcql('12025550100', 'name', 'address.locality') })).body;
  const client = new Openid4vpClient({ callbacks });
  const parsed = client.parseOpenid4vpAuthorizationRequest({ authorizationRequest: created.request });
  const resolved = await client.resolveOpenId4vpAuthorizationRequest({ authorizationRequestPayload: parsed.params });
  assert.equal(resolved.client.effective, created.client_id);
  const payload = resolved.authorizationRequestPayload;
  const query = DcqlQuery.parse(payload.dcql_query);
  DcqlQuery.validate(query);
  const holder = await sdjwt(null, null, heldToken.key);
  const vp = await holder.present(heldToken.token, { name: true, address: { locality: true }, tn: { [await tnIndex(heldToken.token, '12025550100')]: true } },
    { kb: { payload: { iat: now(), aud: resolved.client.effective, nonce: payload.nonce } } });
  const response = await client.createOpenid4vpAuthorizationResponse({ authorizationRequestPayload: payload,
    authorizationResponsePayload: { vp_token: { vesper: [vp] } } });
  const submitted = await client.submitOpenid4vpAuthorizationResponse({ authorizationRequestPayload: payload,
    authorizationResponsePayload: response.authorizationResponsePayload });
  assert.equal(submitted.response.status, 200);
  const status = (await json('GET', `${verifierUrl}/v1/presentation-requests/${created.id}`)).body;
  assert.equal(status.status, 'verified', JSON.stringify(status));
  assert.deepEqual(status.result.credentials.vesper[0].claims, { name: 'Acme Widgets Inc. (demo)', address: { locality: 'Washington' }, tn: ['12025550100'] });
});

await check('3b our verifier refuses the peer wallet: KB for another audience, a state mismatch, a replay, an expired-by-use request', async () => {
  const created = (await json('POST', `${verifierUrl}/v1/presentation-requests`, null, { dcql_query: dcql('12025550100', 'name') })).body;
  const client = new Openid4vpClient({ callbacks });
  const payload = (await client.resolveOpenId4vpAuthorizationRequest({ authorizationRequestPayload:
    client.parseOpenid4vpAuthorizationRequest({ authorizationRequest: created.request }).params })).authorizationRequestPayload;
  const holder = await sdjwt(null, null, heldToken.key);
  const present = async (aud) => holder.present(heldToken.token, { name: true, tn: { [await tnIndex(heldToken.token, '12025550100')]: true } }, { kb: { payload: { iat: now(), aud, nonce: payload.nonce } } });
  const post = (form) => fetch(payload.response_uri, { method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(form) }).then(async (r) => ({ status: r.status, body: await r.json() }));
  const vp = await present(payload.client_id);
  const wrongState = await post({ vp_token: JSON.stringify({ vesper: [vp] }), state: 'forged' });
  assert.equal(wrongState.body.error, 'invalid_request');
  assert.equal(wrongState.body.vesper_error, 'oid4vc.state_mismatch');
  const wrongAud = await post({ vp_token: JSON.stringify({ vesper: [await present('x509_san_dns:elsewhere.example')] }), state: payload.state });
  assert.equal(wrongAud.body.vesper_error, 'key_binding.aud_mismatch');
  const replay = await post({ vp_token: JSON.stringify({ vesper: [vp] }), state: payload.state });
  assert.equal(replay.body.vesper_error, 'oid4vc.request_expired', 'a settled request takes no second answer');
  assert.equal((await json('GET', `${verifierUrl}/v1/presentation-requests/${created.id}`)).body.error, 'key_binding.aud_mismatch');
});

// ---- 4. our holder -> peer verifier --------------------------------------------------------------------
const peerVerifier = new Openid4vpVerifier({ callbacks });
const requests = new Map(); // id -> { jwt, payload, response }
let verifierBase;
const peerVerifierServer = await serve(async (req, body) => {
  const url = new URL(req.url, verifierBase);
  const [, kind, id] = url.pathname.split('/');
  const entry = requests.get(id);
  if (!entry) return { status: 404, body: { error: 'invalid_request' } };
  if (kind === 'request') return { type: 'application/oauth-authz-req+jwt', body: entry.jwt };
  if (kind === 'response') {
    entry.response = Object.fromEntries(new URLSearchParams(body));
    return { body: {} };
  }
  return { status: 404, body: {} };
});
verifierBase = `http://localhost:${peerVerifierServer.address().port}`;
async function peerRequest(query) {
  const id = crypto.randomBytes(8).toString('hex');
  const created = await peerVerifier.createOpenId4vpAuthorizationRequest({
    authorizationRequestPayload: { client_id: 'x509_san_dns:localhost', response_type: 'vp_token', response_mode: 'direct_post',
      response_uri: `${verifierBase}/response/${id}`, nonce: crypto.randomBytes(16).toString('base64url'), state: crypto.randomBytes(8).toString('hex'),
      dcql_query: query, client_metadata: { vp_formats_supported: { 'dc+sd-jwt': { 'sd-jwt_alg_values': ['ES256'], 'kb-jwt_alg_values': ['ES256'] } } } },
    jar: { requestUri: `${verifierBase}/request/${id}`, expiresInSeconds: 300, jwtSigner: { method: 'x5c', alg: 'ES256', x5c: [leafDer] } },
  });
  requests.set(id, { jwt: created.jar.authorizationRequestJwt, payload: created.authorizationRequestPayload });
  return { id, url: created.authorizationRequest, payload: created.authorizationRequestPayload };
}

await check('4 our holder answers an Openid4vpVerifier x509_san_dns: request; the peer verifies the response, the SD-JWT+KB and the DCQL result', async () => {
  const query = dcql('12025550777', 'name');
  const req = await peerRequest(query);
  const r = await json('POST', `${holderUrl}/v1/presentation-requests`, tenant, { request: req.url });
  assert.equal(r.status, 200, JSON.stringify(r.body));
  assert.equal(r.body.client_id, 'x509_san_dns:localhost');
  const received = requests.get(req.id).response;
  const parsed = await peerVerifier.parseOpenid4vpAuthorizationResponse({ authorizationResponse: received, authorizationRequestPayload: req.payload });
  const vp = parsed.type === 'dcql' ? parsed.dcql.presentations.vesper : parsed.presentations?.vesper;
  const presentation = Array.isArray(vp) ? vp[0] : vp;
  const { payload, kb } = await (await sdjwt(null, peerIssuerKey.publicJwk)).verify(presentation, { keyBindingNonce: req.payload.nonce });
  assert.equal(kb.payload.aud, 'x509_san_dns:localhost');
  assert.equal(payload.name, 'Peer-issued Org (interop)');
  assert.deepEqual(payload.tn, ['12025550777']);
  assert.equal(payload.address, undefined, 'nothing beyond the query');
  const result = DcqlPresentationResult.fromDcqlPresentation({ vesper: [{ credential_format: 'dc+sd-jwt', vct: payload.vct, claims: payload,
    cryptographic_holder_binding: true }] }, { dcqlQuery: DcqlQuery.parse(query) });
  assert.equal(result.can_be_satisfied, true);
});

await check('4b our holder refuses, sending nothing: a query beyond the policy (403), an untrusted signer, an unsigned x509_san_dns: request', async () => {
  const beyond = await peerRequest(dcql('12025550777', 'name', 'address.locality'));
  const r = await json('POST', `${holderUrl}/v1/presentation-requests`, tenant, { request: beyond.url });
  assert.equal(r.status, 403);
  assert.equal(r.body.error, 'holder.disclosure_refused');
  assert.equal(requests.get(beyond.id).response, undefined);
  const forged = await peerRequest(dcql('12025550777', 'name'));
  const impostor = await newKey([leafDer]); // the right certificate, another key
  keyring.splice(keyring.indexOf(impostor), 1);
  const [h, p] = requests.get(forged.id).jwt.split('.');
  requests.get(forged.id).jwt = `${h}.${p}.${(await new jose.CompactSign(new TextEncoder().encode('x')).setProtectedHeader({ alg: 'ES256' })
    .sign(impostor.privateKey)).split('.')[2]}`;
  const f = await json('POST', `${holderUrl}/v1/presentation-requests`, tenant, { request: forged.url });
  assert.equal(f.body.error, 'oid4vc.untrusted_client');
  const unsigned = `openid4vp://?client_id=${encodeURIComponent('x509_san_dns:localhost')}&response_type=vp_token&response_mode=direct_post`
    + `&response_uri=${encodeURIComponent(`${verifierBase}/response/x`)}&nonce=n&dcql_query=${encodeURIComponent(JSON.stringify(dcql('12025550777', 'name')))}`;
  assert.equal((await json('POST', `${holderUrl}/v1/presentation-requests`, tenant, { request: unsigned })).body.error, 'oid4vc.untrusted_client');
  assert.equal(requests.get(forged.id).response, undefined);
});

// ---- 3c. peer wallet -> our verifier, the signed request (x509_san_dns:, by reference at request_uri) ---------
const freePort = () => new Promise((resolve) => {
  const probe = http.createServer();
  probe.listen(0, '127.0.0.1', () => {
    const { port } = probe.address();
    probe.close(() => resolve(port));
  });
});
await check('3c Openid4vpClient fetches our verifier\'s signed x509_san_dns: request at request_uri, checks its x5c and SAN, and our verifier verifies the answer', async () => {
  const port = await freePort();
  const publicUrl = `http://localhost:${port}`;
  writeFileSync(join(work, 'stack-issuer.jwks'), JSON.stringify(issuerJwks));
  writeFileSync(join(work, 'request-signing.jwk'), JSON.stringify(leafKey.export({ format: 'jwk' })));
  const signing = vesper(['verifier', 'serve', '--host', '127.0.0.1', '--port', String(port), '--trust-issuer', join(work, 'stack-issuer.jwks'),
    '--public-url', publicUrl, '--request-signing-key', join(work, 'request-signing.jwk'), '--request-signing-cert-chain', join(work, 'leaf.pem')]);
  await firstLine(signing, (l) => (l.includes('verifier on http://') ? l : null), 'vesper verifier serve (signing requests)');
  const created = (await json('POST', `${publicUrl}/v1/presentation-requests`, null, { dcql_query: dcql('12025550100', 'name') })).body;
  assert.equal(created.client_id, 'x509_san_dns:localhost');
  const client = new Openid4vpClient({ callbacks });
  const parsed = client.parseOpenid4vpAuthorizationRequest({ authorizationRequest: created.request });
  assert.ok(parsed.params.request_uri, 'the request goes by reference');
  assert.equal(parsed.params.request, undefined);
  const resolved = await client.resolveOpenId4vpAuthorizationRequest({ authorizationRequestPayload: parsed.params });
  assert.equal(resolved.client.effective, 'x509_san_dns:localhost', 'the peer checked the x5c leaf against the client_id');
  const payload = resolved.authorizationRequestPayload;
  const holder = await sdjwt(null, null, heldToken.key);
  const present = async (aud) => holder.present(heldToken.token, { name: true, tn: { [await tnIndex(heldToken.token, '12025550100')]: true } }, { kb: { payload: { iat: now(), aud, nonce: payload.nonce } } });
  // An answer bound to the unprefixed host is refused (the KB aud is the full client_id, OpenID4VP §5.9.1).
  const wrong = await client.createOpenid4vpAuthorizationResponse({ authorizationRequestPayload: payload,
    authorizationResponsePayload: { vp_token: { vesper: [await present('localhost')] } } });
  await client.submitOpenid4vpAuthorizationResponse({ authorizationRequestPayload: payload,
    authorizationResponsePayload: wrong.authorizationResponsePayload }).catch(() => {});
  assert.equal((await json('GET', `${publicUrl}/v1/presentation-requests/${created.id}`)).body.status, 'failed');
  const again = (await json('POST', `${publicUrl}/v1/presentation-requests`, null, { dcql_query: dcql('12025550100', 'name') })).body;
  const payload2 = (await client.resolveOpenId4vpAuthorizationRequest({ authorizationRequestPayload:
    client.parseOpenid4vpAuthorizationRequest({ authorizationRequest: again.request }).params })).authorizationRequestPayload;
  const vp = await holder.present(heldToken.token, { name: true, tn: { [await tnIndex(heldToken.token, '12025550100')]: true } },
    { kb: { payload: { iat: now(), aud: 'x509_san_dns:localhost', nonce: payload2.nonce } } });
  const response = await client.createOpenid4vpAuthorizationResponse({ authorizationRequestPayload: payload2,
    authorizationResponsePayload: { vp_token: { vesper: [vp] } } });
  const submitted = await client.submitOpenid4vpAuthorizationResponse({ authorizationRequestPayload: payload2,
    authorizationResponsePayload: response.authorizationResponsePayload });
  assert.equal(submitted.response.status, 200);
  const status = (await json('GET', `${publicUrl}/v1/presentation-requests/${again.id}`)).body;
  assert.equal(status.status, 'verified', JSON.stringify(status));
  assert.deepEqual(status.result.credentials.vesper[0].claims, { name: 'Acme Widgets Inc. (demo)', tn: ['12025550100'] });
});

for (const c of children) c.kill('SIGTERM');
peerIssuerServer.close();
peerVerifierServer.close();
rmSync(work, { recursive: true, force: true });
console.log(`openid4vc interop: ${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);

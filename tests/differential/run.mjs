// Differential test: tokenlens's Lambda-authorizer profile against aws-jwt-verify itself.
//
// For every case (token × CognitoJwtVerifier options) runs aws-jwt-verify's
// `CognitoJwtVerifier.create(...).verify(token)` with the JWKS cached (no network), and
// tokenlens's `examples/lambda_judge.rs` on the same token, JWKS, options and clock; the accept /
// reject answer and the error class must be equal. Tokens come from a real moto Cognito emulator
// and from the committed demo keys. Usage (repo root): node tests/differential/run.mjs
import { spawnSync } from 'node:child_process';
import { createHmac, createPrivateKey, createPublicKey, sign as rsaSign } from 'node:crypto';
import { mkdtempSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { CognitoJwtVerifier } from 'aws-jwt-verify';
import { SimpleJwksCache } from 'aws-jwt-verify/jwk';
import { seedCognito, startMoto } from '../e2e/support/servers.mjs';

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const VENV = process.env.TOKENLENS_VENV || path.join(REPO, '.venv');
const started = Date.now();

// ---- local signing with the committed demo keys ----

const b64u = (x) => Buffer.from(typeof x === 'string' ? x : JSON.stringify(x)).toString('base64url');
const demoJwks = JSON.parse(readFileSync(path.join(REPO, 'static/demo/jwks.json'), 'utf8'));
const demoKey = (file) => {
  const key = createPrivateKey(readFileSync(path.join(REPO, 'tests/fixtures/demo', file), 'utf8'));
  const { n } = createPublicKey(key).export({ format: 'jwk' });
  const jwk = demoJwks.keys.find((k) => k.n === n);
  if (!jwk) throw new Error(`${file}: no key in static/demo/jwks.json has its modulus`);
  return { key, kid: jwk.kid };
};
const ID_KEY = demoKey('id-token-signing-key.pem');
const ACCESS_KEY = demoKey('access-token-signing-key.pem');

/** RS256 (or HS256 with a string secret) over compact JSON, like Cognito. */
function signJwt(header, payload, key) {
  const input = `${b64u(header)}.${b64u(payload)}`;
  const sig =
    typeof key === 'string'
      ? createHmac('sha256', key).update(input).digest()
      : rsaSign('sha256', Buffer.from(input), key);
  return `${input}.${sig.toString('base64url')}`;
}

/** Flips one bit in the middle of the signature (still valid base64url, same length). */
function tamper(jwt) {
  const [h, p, s] = jwt.split('.');
  const bytes = Buffer.from(s, 'base64url');
  bytes[bytes.length >> 1] ^= 0x01;
  return `${h}.${p}.${bytes.toString('base64url')}`;
}

const claimsOf = (jwt) => JSON.parse(Buffer.from(jwt.split('.')[1], 'base64url'));

// ---- the two implementations ----

const issuerOf = (pool, global = false) =>
  `https://${global ? 'issuer-' : ''}cognito-idp.${pool.split('_')[0]}.amazonaws.com/${pool}`;

/** aws-jwt-verify's answer: 'accept' or the thrown error's class name. */
async function ajv(c) {
  try {
    // A JWKS cache whose "fetch" hands back the case's JWKS as response bytes: an unknown kid
    // re-fetches (as in production) and then fails with KidNotFoundInJwksError, not a network
    // error.
    const jwksCache = new SimpleJwksCache({ fetcher: { fetch: async () => new TextEncoder().encode(JSON.stringify(c.jwks)).buffer } });
    const verifier = CognitoJwtVerifier.create(c.config, { jwksCache });
    verifier.cacheJwks(c.jwks); // caches it for the pool's regional and global issuer forms
    await verifier.verify(c.token);
    return { accept: true, class: null };
  } catch (err) {
    return { accept: false, class: err?.constructor?.name ?? String(err), message: err?.message };
  }
}

function buildJudge() {
  const r = spawnSync('cargo', ['build', '--quiet', '--offline', '--example', 'lambda_judge'], {
    cwd: REPO,
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  if (r.status !== 0) throw new Error(`cargo build --example lambda_judge failed (${r.status ?? r.signal})`);
  const target = process.env.CARGO_TARGET_DIR || path.join(REPO, 'target');
  return path.join(target, 'debug', 'examples', 'lambda_judge');
}

/** tokenlens's answers, one per case, from one run of the judge binary. */
function tokenlens(bin, cases) {
  const input = cases.map((c) => JSON.stringify({ token: c.token, jwks: c.jwks, config: c.config, now: c.now })).join('\n');
  const r = spawnSync(bin, [], { input: `${input}\n`, encoding: 'utf8', maxBuffer: 64 << 20 });
  if (r.status !== 0) throw new Error(`lambda_judge exited with ${r.status ?? r.signal}\n${r.stderr}`);
  const lines = r.stdout.split('\n').filter((l) => l.trim());
  if (lines.length !== cases.length) throw new Error(`lambda_judge printed ${lines.length} lines for ${cases.length} cases`);
  return lines.map((l) => JSON.parse(l));
}

// ---- the matrix ----

function matrix(moto) {
  const now = Math.floor(Date.now() / 1000);
  const cases = [];
  const add = (name, token, jwks, config) =>
    cases.push({ name, token, jwks, now, config: { tokenUse: null, clientId: null, ...config } });

  // Emulator-issued tokens (moto signs with kid "dummy"; its pool ids pass AJV's regex).
  if (moto) {
    const { pool, client, jwks, id, access } = moto;
    const P = { userPoolId: pool };
    add('moto id, tokenUse id, clientId', id, jwks, { ...P, tokenUse: 'id', clientId: client });
    add('moto access, tokenUse access, clientId', access, jwks, { ...P, tokenUse: 'access', clientId: client });
    add('moto id, tokenUse null, clientId null', id, jwks, P);
    add('moto id as access (tokenUse access)', id, jwks, { ...P, tokenUse: 'access', clientId: client });
    add('moto access as id (tokenUse id)', access, jwks, { ...P, tokenUse: 'id', clientId: client });
    add('moto id, wrong clientId', id, jwks, { ...P, tokenUse: 'id', clientId: 'someotherclient' });
    add('moto access, wrong clientId', access, jwks, { ...P, tokenUse: 'access', clientId: 'someotherclient' });
    add('moto id, clientId list incl. right one', id, jwks, { ...P, tokenUse: 'id', clientId: ['x', client] });
    add('moto id, group readers', id, jwks, { ...P, tokenUse: 'id', clientId: client, groups: 'readers' });
    add('moto id, wrong group admins', id, jwks, { ...P, tokenUse: 'id', clientId: client, groups: ['admins'] });
    add('moto access, scope user.admin', access, jwks, {
      ...P, tokenUse: 'access', clientId: client, scope: 'aws.cognito.signin.user.admin',
    });
    add('moto access, missing scope orders/read', access, jwks, {
      ...P, tokenUse: 'access', clientId: client, scope: ['orders/read'],
    });
    add('moto id, bad signature', tamper(id), jwks, { ...P, tokenUse: 'id', clientId: client });
    add('moto id, wrong pool (issuer)', id, jwks, { userPoolId: 'eu-west-1_otherPool', tokenUse: 'id', clientId: client });
    add('moto id vs demo JWKS (unknown kid)', id, demoJwks, { ...P, tokenUse: 'id', clientId: client });
  }

  // Locally signed with the demo keys, for what moto cannot make.
  const POOL = 'eu-west-1_tokenLens';
  const CLIENT = '4d0ls8fg1c4ncqlq7b4a2hmfsd';
  const idClaims = (over = {}) => ({
    sub: 'a1b2c3d4-0000-4000-8000-000000000001', 'cognito:groups': ['readers'], iss: issuerOf(POOL),
    'cognito:username': 'ada', aud: CLIENT, token_use: 'id', auth_time: now - 60, exp: now + 3600, iat: now - 60,
    ...over,
  });
  const accessClaims = (over = {}) => ({
    sub: 'a1b2c3d4-0000-4000-8000-000000000001', 'cognito:groups': ['readers'], iss: issuerOf(POOL),
    client_id: CLIENT, token_use: 'access', scope: 'orders/read aws.cognito.signin.user.admin',
    auth_time: now - 60, exp: now + 3600, iat: now - 60, username: 'ada',
    ...over,
  });
  const hdr = (k) => ({ kid: k.kid, alg: 'RS256' });
  const idTok = (over, key = ID_KEY, header = hdr(key)) => signJwt(header, idClaims(over), key.key ?? key);
  const accTok = (over, key = ACCESS_KEY, header = hdr(key)) => signJwt(header, accessClaims(over), key.key ?? key);
  const J = demoJwks;
  const ID = { userPoolId: POOL, tokenUse: 'id', clientId: CLIENT };
  const AC = { userPoolId: POOL, tokenUse: 'access', clientId: CLIENT };

  add('local id, valid', idTok(), J, ID);
  add('local access, valid', accTok(), J, AC);
  add('local id, expired', idTok({ exp: now - 600 }), J, ID);
  add('local id, expired within graceSeconds', idTok({ exp: now - 600 }), J, { ...ID, graceSeconds: 900 });
  add('local access, not yet valid (nbf)', accTok({ nbf: now + 600 }), J, AC);
  add('local access, nbf within graceSeconds', accTok({ nbf: now + 600 }), J, { ...AC, graceSeconds: 900 });
  add('local id, wrong issuer (other pool)', idTok({ iss: issuerOf('eu-west-1_otherPool') }), J, ID);
  add('local id, issuer with trailing slash', idTok({ iss: `${issuerOf(POOL)}/` }), J, ID);
  add('local id, global issuer form', idTok({ iss: issuerOf(POOL, true) }), J, ID);
  add('local id, wrong client (aud)', idTok({ aud: 'someotherclient' }), J, ID);
  add('local access, wrong client (client_id)', accTok({ client_id: 'someotherclient' }), J, AC);
  add('local access, aud ignored for access', accTok({ aud: 'someotherclient' }), J, AC);
  add('local id where access wanted', idTok(), J, AC);
  add('local access where id wanted', accTok(), J, ID);
  add('local token_use missing, tokenUse null', idTok({ token_use: undefined }), J, { userPoolId: POOL });
  add('local token_use refresh, tokenUse null', idTok({ token_use: 'refresh' }), J, { userPoolId: POOL });
  add('local access, scope ok', accTok(), J, { ...AC, scope: ['orders/write', 'orders/read'] });
  add('local access, missing scope', accTok(), J, { ...AC, scope: 'orders/write' });
  add('local access, no scope claim', accTok({ scope: undefined }), J, { ...AC, scope: 'orders/read' });
  add('local id, scope required (id has none)', idTok(), J, { ...ID, scope: 'orders/read' });
  add('local id, group ok', idTok(), J, { ...ID, groups: ['admins', 'readers'] });
  add('local id, wrong group', idTok(), J, { ...ID, groups: 'admins' });
  add('local id, no groups claim', idTok({ 'cognito:groups': undefined }), J, { ...ID, groups: 'readers' });
  add('local id, bad signature (bit flip)', tamper(idTok()), J, ID);
  add('local id, signed by the other key', idTok({}, ACCESS_KEY, hdr(ID_KEY)), J, ID);
  add('local id, expired + bad signature', tamper(idTok({ exp: now - 600 })), J, ID);
  add('local id, unknown kid', idTok({}, ID_KEY, { kid: 'not-in-jwks', alg: 'RS256' }), J, ID);
  add('local id, no kid', idTok({}, ID_KEY, { alg: 'RS256' }), J, ID);
  add('local id, HS256', idTok({}, 'secret', { kid: ID_KEY.kid, alg: 'HS256' }), J, ID);
  add('local id, wrong issuer + expired', idTok({ iss: issuerOf('eu-west-1_otherPool'), exp: now - 600 }), J, ID);
  add('local id, wrong issuer + bad signature', tamper(idTok({ iss: issuerOf('eu-west-1_otherPool') })), J, ID);
  add('local id, expired + wrong client', idTok({ exp: now - 600, aud: 'x' }), J, ID);
  add('local id, wrong group + wrong token use', idTok(), J, { ...AC, groups: 'admins' });
  add('config: invalid pool id', idTok(), J, { ...ID, userPoolId: 'tokenLens' });
  add('config: eusc sovereign-cloud pool id', idTok({ iss: issuerOf('eusc-de-east-1_tokenLens') }), J, {
    ...ID, userPoolId: 'eusc-de-east-1_tokenLens',
  });

  // aws-jwt-verify 5.2.1 rules (knowledge §6, C7): parse types, issuer lookup first, Cognito checks.
  const noAlgJwks = { keys: J.keys.map(({ alg, ...k }) => k) };
  const jwkWith = (over) => ({ keys: J.keys.map((k) => (k.kid === ID_KEY.kid ? { ...k, ...over } : k)) });
  const OTHER = 'eu-west-1_otherPool';
  add('C7 id, array aud holding the client (ID token)', idTok({ aud: [CLIENT] }), J, ID);
  add('C7 id, array aud, clientId null', idTok({ aud: [CLIENT, 'x'] }), J, { userPoolId: POOL, tokenUse: 'id' });
  add('C7 access, array aud ignored', accTok({ aud: ['x', 'y'] }), J, AC);
  add('C7 header kid is a number', idTok({}, ID_KEY, { kid: 42, alg: 'RS256' }), J, ID);
  add('C7 header kid is an object', idTok({}, ID_KEY, { kid: { id: ID_KEY.kid }, alg: 'RS256' }), J, ID);
  add('C7 header kid is null', idTok({}, ID_KEY, { kid: null, alg: 'RS256' }), J, ID);
  add('C7 header kid is empty', idTok({}, ID_KEY, { kid: '', alg: 'RS256' }), J, ID);
  add('C7 header alg is a number', idTok({}, ID_KEY, { kid: ID_KEY.kid, alg: 256 }), J, ID);
  add('groups: string claim with a space, one group wanted', idTok({ 'cognito:groups': 'admins readers' }), J, { ...ID, groups: 'readers' });
  add('groups: string claim with a space, whole string wanted', idTok({ 'cognito:groups': 'admins readers' }), J, { ...ID, groups: ['admins readers'] });
  add('groups: string claim, one group', idTok({ 'cognito:groups': 'readers' }), J, { ...ID, groups: 'readers' });
  add('groups: number claim', idTok({ 'cognito:groups': 7 }), J, { ...ID, groups: 'readers' });
  add('groups: non-string item before a match', idTok({ 'cognito:groups': [1, 'readers'] }), J, { ...ID, groups: 'readers' });
  add('groups: match before a non-string item', idTok({ 'cognito:groups': ['readers', 1] }), J, { ...ID, groups: 'readers' });
  add('groups: empty string claim', idTok({ 'cognito:groups': '' }), J, { ...ID, groups: 'readers' });
  add('R16 UPDATED issuer, access token', accTok({ iss: issuerOf(POOL, true) }), J, AC);
  add('R16 UPDATED issuer of another pool', idTok({ iss: issuerOf(OTHER, true) }), J, ID);
  add('R16 UPDATED issuer, other region', idTok({ iss: `https://issuer-cognito-idp.us-east-1.amazonaws.com/${POOL}` }), J, ID);
  add('other pool + expired + bad signature', tamper(idTok({ iss: issuerOf(OTHER), exp: now - 600 })), J, ID);
  add('other pool + unknown kid + no token_use', idTok({ iss: issuerOf(OTHER), token_use: undefined }, ID_KEY, { kid: 'nope', alg: 'RS256' }), J, ID);
  add('other pool + HS256', idTok({ iss: issuerOf(OTHER) }, 'secret', { kid: ID_KEY.kid, alg: 'HS256' }), J, ID);
  add('no iss', idTok({ iss: undefined }), J, ID);
  add('no iss + expired + bad signature', tamper(idTok({ iss: undefined, exp: now - 600 })), J, ID);
  add('empty iss', idTok({ iss: '' }), J, ID);
  add('iss is a number', idTok({ iss: 12 }), J, ID);
  add('expired + bad signature + wrong client', tamper(idTok({ exp: now - 600, aud: 'x' })), J, ID);
  add('expired + unknown kid', idTok({ exp: now - 600 }, ID_KEY, { kid: 'nope', alg: 'RS256' }), J, ID);
  add('negative exp', idTok({ exp: -5 }), J, ID);
  add('negative nbf', idTok({ nbf: -5 }), J, ID);
  add('negative iat', idTok({ iat: -5 }), J, ID);
  add('exp is a string', idTok({ exp: String(now + 600) }), J, ID);
  add('exp is null', idTok({ exp: null }), J, ID);
  add('nbf in milliseconds', idTok({ nbf: now * 1000 }), J, ID);
  add('exp in milliseconds', idTok({ exp: now * 1000 }), J, ID);
  add('auth_time is a string (not type-checked)', idTok({ auth_time: 'yesterday' }), J, ID);
  add('aud has a number item', idTok({ aud: [CLIENT, 5] }), J, ID);
  add('sub is a number', idTok({ sub: 5 }), J, ID);
  add('scope is an array', accTok({ scope: ['orders/read'] }), J, { ...AC, scope: 'orders/read' });
  add('scope separated by a tab', accTok({ scope: 'orders/read\taws.cognito.signin.user.admin' }), J, { ...AC, scope: 'orders/read' });
  add('scope separated by a newline', accTok({ scope: 'aws.cognito.signin.user.admin\norders/read' }), J, { ...AC, scope: 'orders/read' });
  add('scope with a double space', accTok({ scope: 'x  orders/read' }), J, { ...AC, scope: 'orders/read' });
  add('token_use is a number', idTok({ token_use: 1 }), J, { userPoolId: POOL });
  add('client_id is a number', accTok({ client_id: 5 }), J, AC);
  add('alg none with a known kid', idTok({}, ID_KEY, { kid: ID_KEY.kid, alg: 'none' }), J, ID);
  add('alg none without kid', idTok({}, ID_KEY, { alg: 'none' }), J, ID);
  add('alg PS256 (not supported)', idTok({}, ID_KEY, { kid: ID_KEY.kid, alg: 'PS256' }), J, ID);
  add('alg PS256, JWK without alg', idTok({}, ID_KEY, { kid: ID_KEY.kid, alg: 'PS256' }), noAlgJwks, ID);
  add('alg RS384 vs JWK alg RS256', idTok({}, ID_KEY, { kid: ID_KEY.kid, alg: 'RS384' }), J, ID);
  add('no alg, JWK without alg', idTok({}, ID_KEY, { kid: ID_KEY.kid }), noAlgJwks, ID);
  add('JWK use enc', idTok(), jwkWith({ use: 'enc' }), ID);
  add('JWK without use or alg', idTok(), jwkWith({ use: undefined, alg: undefined }), ID);
  add('two parts', idTok().split('.').slice(0, 2).join('.'), J, ID);
  add('four parts', `${idTok()}.x`, J, ID);
  add('empty signature', `${idTok().split('.').slice(0, 2).join('.')}.`, J, ID);
  add('header is an array', `${b64u([1])}.${idTok().split('.').slice(1).join('.')}`, J, ID);
  add('payload is not JSON', signJwt(hdr(ID_KEY), 'x', ID_KEY.key).replace(/\.[^.]*\./, `.${b64u('not json')}.`), J, ID);
  add('L1 "Bearer " prefix left on the token', `Bearer ${idTok()}`, J, ID);
  add('header segment with = padding', (() => { const [h, p, sg] = idTok({}, ID_KEY, { kid: ID_KEY.kid, alg: 'RS256', x: 1 }).split('.'); return `${h}${'='.repeat((4 - (h.length % 4)) % 4)}.${p}.${sg}`; })(), J, ID);
  add('eusc pool, UPDATED issuer', idTok({ iss: issuerOf('eusc-de-east-1_tokenLens', true) }), J, {
    ...ID, userPoolId: 'eusc-de-east-1_tokenLens',
  });
  add('eusc pool, token from the plain region', idTok({ iss: issuerOf('de-east-1_tokenLens') }), J, {
    ...ID, userPoolId: 'eusc-de-east-1_tokenLens',
  });
  add('config: pool id with an eu- prefix typo', idTok(), J, { ...ID, userPoolId: 'eusc_de-east-1_tokenLens' });
  return cases;
}

// ---- run ----

async function seedMoto() {
  const tmp = mkdtempSync(path.join(os.tmpdir(), 'tokenlens-differential-'));
  const moto = await startMoto(VENV, path.join(tmp, 'moto.log'));
  try {
    const seed = await seedCognito(VENV, path.join(REPO, 'tests/e2e/cognito_seed.py'), moto.url);
    const res = await fetch(seed.jwks_url);
    if (res.status !== 200) throw new Error(`moto JWKS ${seed.jwks_url}: status ${res.status}`);
    const r = seed.response.AuthenticationResult;
    if (claimsOf(r.IdToken).iss !== issuerOf(seed.pool_id)) {
      throw new Error(`moto's iss ${claimsOf(r.IdToken).iss} is not ${issuerOf(seed.pool_id)}`);
    }
    return {
      stop: moto.stop,
      tokens: { pool: seed.pool_id, client: seed.client_id, jwks: await res.json(), id: r.IdToken, access: r.AccessToken },
    };
  } catch (e) {
    await moto.stop();
    throw e;
  }
}

function pad(s, n) {
  s = String(s);
  return s.length >= n ? s : s + ' '.repeat(n - s.length);
}

async function main() {
  const bin = buildJudge();
  const moto = await seedMoto();
  let failed = 0;
  let passed = 0;
  const messageDiffers = [];
  try {
    const cases = matrix(moto.tokens);
    const theirs = [];
    for (const c of cases) theirs.push(await ajv(c));
    const ours = tokenlens(bin, cases);
    const show = (a) => (a.error ? `error: ${a.error}` : a.accept ? 'accept' : a.class ?? `reject (${a.verdict})`);
    const rows = cases.map((c, i) => {
      const a = theirs[i];
      const t = ours[i];
      const agree = !t.error && a.accept === t.accept && (a.accept || a.class === t.class);
      // The library's message text, as tokenlens words it (explain::ajv::thrown_message).
      const msg = a.accept || t.accept ? '-' : a.message === t.message ? 'same' : 'DIFFERS';
      if (msg === 'DIFFERS') messageDiffers.push(`message differs: ${c.name}: aws-jwt-verify "${a.message}", tokenlens "${t.message}"`);
      if (agree) passed++;
      else failed++;
      return [c.name, show(a), show(t), agree ? 'yes' : 'NO', msg];
    });
    const head = ['case', 'aws-jwt-verify', 'tokenlens', 'agree', 'message'];
    const w = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
    const line = (r) => `| ${r.map((x, i) => pad(x, w[i])).join(' | ')} |`;
    console.log(line(head));
    console.log(`|${w.map((n) => '-'.repeat(n + 2)).join('|')}|`);
    for (const r of rows) console.log(line(r));
    for (const [i, r] of rows.entries()) {
      if (r[3] !== 'NO') continue;
      const said = theirs[i].message ? ` (aws-jwt-verify: "${theirs[i].message}")` : '';
      console.log(`disagreement: ${r[0]}${said}; tokenlens codes ${JSON.stringify(ours[i].codes ?? [])}`);
    }
    for (const m of messageDiffers) console.log(m);
  } finally {
    await moto.stop();
  }
  console.log(`(${((Date.now() - started) / 1000).toFixed(1)} s)`);
  console.log(`differential: ${passed} passed, ${failed} failed`);
  process.exitCode = failed === 0 ? 0 : 1;
}

main().catch((e) => {
  console.error(e?.stack ?? String(e));
  console.log('differential: 0 passed, 1 failed');
  process.exit(1);
});

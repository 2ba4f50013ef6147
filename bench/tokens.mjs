// The benchmark's tokens and keys, made once per run with Node's crypto (no network, no
// committed private keys needed). Every token is valid for ten years from now, so every
// verifier accepts it and every figure times the success path.
//
//   makeTokens() → { jwks, cognitoJwks, cases: [{ id, label, alg, token, kid }], bigPaste }
import { generateKeyPairSync, sign } from 'node:crypto';

const REGION = 'eu-west-1';
export const POOL_ID = `${REGION}_BenchPool1`;
export const CLIENT_ID = '3h5bench0client0id0tokenlens';
export const ISSUER = `https://cognito-idp.${REGION}.amazonaws.com/${POOL_ID}`;

const b64u = (x) => Buffer.from(typeof x === 'string' ? x : JSON.stringify(x)).toString('base64url');

function keyPair(kind, kid, alg) {
  const { privateKey, publicKey } =
    kind === 'rsa'
      ? generateKeyPairSync('rsa', { modulusLength: 2048, publicExponent: 0x10001 })
      : kind === 'p256'
        ? generateKeyPairSync('ec', { namedCurve: 'P-256' })
        : generateKeyPairSync('ed25519');
  return { privateKey, kid, alg, jwk: { ...publicKey.export({ format: 'jwk' }), kid, alg, use: 'sig' } };
}

function signJwt(key, payload) {
  const input = `${b64u({ kid: key.kid, alg: key.alg })}.${b64u(payload)}`;
  const data = Buffer.from(input);
  const sig =
    key.alg === 'RS256'
      ? sign('sha256', data, key.privateKey)
      : key.alg === 'ES256'
        ? sign('sha256', data, { key: key.privateKey, dsaEncoding: 'ieee-p1363' })
        : sign(null, data, key.privateKey);
  return `${input}.${sig.toString('base64url')}`;
}

const uuid = (i) => `${(0x1000_0000 + i).toString(16)}-aaaa-4bbb-8ccc-${String(i).padStart(12, '0')}`;

/** A Cognito ID token's claims (the shape Cognito issues), `extra` merged in. */
function idClaims(now, extra = {}) {
  return {
    sub: uuid(1),
    'cognito:groups': ['admins', 'readers'],
    email_verified: true,
    iss: ISSUER,
    'cognito:username': uuid(1),
    origin_jti: uuid(2),
    aud: CLIENT_ID,
    event_id: uuid(3),
    token_use: 'id',
    auth_time: now,
    exp: now + 10 * 365 * 86400,
    iat: now,
    jti: uuid(4),
    email: 'someone@example.com',
    ...extra,
  };
}

/** A Cognito access token's claims. */
function accessClaims(now) {
  return {
    sub: uuid(1),
    'cognito:groups': ['admins', 'readers'],
    iss: ISSUER,
    version: 2,
    client_id: CLIENT_ID,
    origin_jti: uuid(2),
    event_id: uuid(3),
    token_use: 'access',
    scope: 'openid profile email https://api.example.com/orders.read',
    auth_time: now,
    exp: now + 10 * 365 * 86400,
    iat: now,
    jti: uuid(5),
    username: uuid(1),
  };
}

/** An ID token padded with groups to `chars` characters (what a user in many groups gets). */
function bigIdToken(key, now, chars) {
  const groups = [];
  let token = signJwt(key, idClaims(now, { 'cognito:groups': groups }));
  for (let i = 0; token.length < chars; i++) {
    groups.push(`department-${String(i).padStart(4, '0')}-read-write-group`);
    token = signJwt(key, idClaims(now, { 'cognito:groups': groups }));
  }
  groups.pop();
  return signJwt(key, idClaims(now, { 'cognito:groups': groups }));
}

/** A 1 MiB log with the Cognito ID token in it once, near the end (the "huge paste" case). */
function bigPaste(token) {
  const lines = [];
  let size = 0;
  for (let i = 0; size < 1024 * 1024 - token.length - 200; i++) {
    const line = `2026-11-30T05:${String(i % 60).padStart(2, '0')}:00.000Z INFO request ${uuid(i)} GET /api/orders?page=${i} status=200 duration_ms=${i % 97}`;
    lines.push(line);
    size += line.length + 1;
  }
  lines.push(`2026-11-30T06:00:00.000Z DEBUG Authorization: Bearer ${token}`);
  const text = lines.join('\n');
  return text.padEnd(1024 * 1024, '\n');
}

export function makeTokens() {
  const now = Math.floor(Date.now() / 1000);
  const idKey = keyPair('rsa', 'bench-id-rs256', 'RS256');
  const accessKey = keyPair('rsa', 'bench-access-rs256', 'RS256');
  const ecKey = keyPair('p256', 'bench-es256', 'ES256');
  const edKey = keyPair('ed25519', 'bench-eddsa', 'EdDSA');
  const cognitoJwks = { keys: [idKey.jwk, accessKey.jwk] };
  const jwks = { keys: [idKey.jwk, accessKey.jwk, ecKey.jwk, edKey.jwk] };
  const cases = [
    { id: 'id-rs256', label: 'Cognito ID token, RS256', key: idKey, token: signJwt(idKey, idClaims(now)), tokenUse: 'id' },
    { id: 'access-rs256', label: 'access token, RS256', key: accessKey, token: signJwt(accessKey, accessClaims(now)), tokenUse: 'access' },
    { id: 'access-es256', label: 'access token, ES256', key: ecKey, token: signJwt(ecKey, accessClaims(now)), tokenUse: 'access' },
    { id: 'access-eddsa', label: 'access token, EdDSA', key: edKey, token: signJwt(edKey, accessClaims(now)), tokenUse: 'access' },
    { id: 'id-16k', label: '16 KB ID token, RS256', key: idKey, token: bigIdToken(idKey, now, 16 * 1024), tokenUse: 'id' },
  ].map(({ key, ...c }) => ({ ...c, alg: key.alg, kid: key.kid }));
  return {
    jwks,
    cognitoJwks,
    cases,
    bigPaste: bigPaste(cases[0].token),
    poolId: POOL_ID,
    clientId: CLIENT_ID,
    issuer: ISSUER,
  };
}

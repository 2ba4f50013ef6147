// Tokens the specs paste, signed RS256 with the committed e2e key (fixtures/rs256-signing-key.pem).
// Everything here is deterministic: fixed dates, PKCS#1 v1.5 signatures, JWE bytes from a hash
// chain. Nothing is generated at random and no key is created while tests run.
import { createHash, createPrivateKey, sign } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const KEY = createPrivateKey(
  readFileSync(fileURLToPath(new URL('../fixtures/rs256-signing-key.pem', import.meta.url))),
);
export const KID = 'tokenlens-e2e-rs256-1';
export const ISSUER = 'https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_e2eTests';
export const CLIENT_ID = '3k5tq9m1f0v7lu2xw8e4rbn6cz';

/** 2026-01-15T09:00:00Z */
export const IAT = 1768467600;
/** 2019-12-31T23:00:00Z, 2020-01-01T00:00:00Z, 2100-01-01T00:00:00Z */
export const PAST_IAT = 1577833200;
export const PAST_EXP = 1577836800;
export const FUTURE_EXP = 4102444800;

export const b64url = (bytes) => Buffer.from(bytes).toString('base64url');

/**
 * A JSON object written from [key, value] pairs, keeping key order and number spelling:
 * a value given as `raw('3.0')` is written verbatim, anything else through JSON.stringify.
 * Returns the compact text (what is signed) and the 2-space pretty text (what the page shows).
 */
export function jsonObject(pairs) {
  const text = (v, indent) =>
    v instanceof Raw ? v.text : JSON.stringify(v, null, 2).replace(/\n/g, `\n${indent}`);
  return {
    compact: `{${pairs.map(([k, v]) => `${JSON.stringify(k)}:${v instanceof Raw ? v.text : JSON.stringify(v)}`).join(',')}}`,
    pretty: pairs.length
      ? `{\n${pairs.map(([k, v]) => `  ${JSON.stringify(k)}: ${text(v, '  ')}`).join(',\n')}\n}`
      : '{}',
  };
}
class Raw {
  constructor(text) {
    this.text = text;
  }
}
/** A JSON value spelled exactly as given (big integers, `3.0`, …). */
export const raw = (text) => new Raw(text);

/**
 * Signs an RS256 JWS over compact JSON. `headerPairs`/`payloadPairs` are [key, value] lists.
 * Returns { token, header, payload, signature (raw segments), headerPretty, payloadPretty, claims }.
 */
export function jws(payloadPairs, headerPairs = [['alg', 'RS256'], ['typ', 'JWT'], ['kid', KID]]) {
  const header = jsonObject(headerPairs);
  const payload = jsonObject(payloadPairs);
  const signingInput = `${b64url(header.compact)}.${b64url(payload.compact)}`;
  const signature = b64url(sign('sha256', Buffer.from(signingInput), KEY));
  const [h, p] = signingInput.split('.');
  return {
    token: `${signingInput}.${signature}`,
    header: h,
    payload: p,
    signature,
    headerPretty: header.pretty,
    payloadPretty: payload.pretty,
    /** claim name → the value's JSON text as the claims table shows it */
    claims: Object.fromEntries(
      payloadPairs.map(([k, v]) => [k, v instanceof Raw ? v.text : JSON.stringify(v)]),
    ),
  };
}

/** Deterministic bytes: SHA-256 in counter mode over a label. */
function bytes(label, n) {
  const out = [];
  for (let i = 0; out.length * 32 < n; i++) out.push(createHash('sha256').update(`${label}/${i}`).digest());
  return Buffer.concat(out).subarray(0, n);
}

/** A compact JWE (5 parts). Its content cannot be decrypted by anyone; only its shape matters. */
export function jwe(headerPairs, label, ciphertextLength = 420) {
  const header = jsonObject(headerPairs);
  const h = b64url(header.compact);
  const parts = [bytes(`${label}/cek`, 256), bytes(`${label}/iv`, 12), bytes(`${label}/ct`, ciphertextLength), bytes(`${label}/tag`, 16)];
  return { token: [h, ...parts.map(b64url)].join('.'), header: h, headerPretty: header.pretty };
}

const SUB = '5b1c9e8a-2f4d-4a7e-9c3b-8d6f1e2a4b7c';

/** A Cognito-style ID token (the one most "paste forms" wrap). */
export const idToken = jws([
  ['sub', SUB],
  ['cognito:groups', ['admins']],
  ['email_verified', true],
  ['iss', ISSUER],
  ['cognito:username', 'ada'],
  ['origin_jti', '0f6a2d3c-7b8e-4c1d-a5f9-3e2b1c0d9a8e'],
  ['aud', CLIENT_ID],
  ['event_id', '9c8b7a6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d'],
  ['token_use', 'id'],
  ['auth_time', IAT],
  ['exp', IAT + 3600],
  ['iat', IAT],
  ['jti', '1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d'],
  ['email', 'ada@example.com'],
]);

/** A Cognito-style access token (no `aud`). */
export const accessToken = jws([
  ['sub', SUB],
  ['cognito:groups', ['admins']],
  ['iss', ISSUER],
  ['client_id', CLIENT_ID],
  ['origin_jti', '0f6a2d3c-7b8e-4c1d-a5f9-3e2b1c0d9a8e'],
  ['event_id', '9c8b7a6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d'],
  ['token_use', 'access'],
  ['scope', 'openid email'],
  ['auth_time', IAT],
  ['exp', IAT + 3600],
  ['iat', IAT],
  ['jti', '6f5e4d3c-2b1a-4f9e-8d7c-6b5a4f3e2d1c'],
  ['username', 'ada'],
  ['version', 2],
]);

/** A refresh token shaped like Cognito's (RSA-OAEP / A256GCM JWE). */
export const refreshJwe = jwe(
  [['cty', 'JWT'], ['enc', 'A256GCM'], ['alg', 'RSA-OAEP']],
  'refresh',
  1226,
);

/** A JWE access token as some IdPs issue when encryption is on. */
export const encryptedToken = jwe(
  [['alg', 'RSA-OAEP-256'], ['enc', 'A128CBC-HS256'], ['kid', 'enc-key-1'], ['typ', 'JWT'], ['cty', 'JWT']],
  'encrypted',
);

/** Numbers that JavaScript's JSON would mangle: must be shown exactly as issued. */
export const numbersToken = jws([
  ['sub', 'numbers'],
  ['big', raw('12345678901234567890123')],
  ['float', raw('3.0')],
  ['iat', IAT],
]);

/** Past and far-future times, so relative phrases do not depend on today's date. */
export const pastTimesToken = jws([
  ['sub', 'times'],
  ['auth_time', PAST_IAT],
  ['iat', PAST_IAT],
  ['nbf', PAST_IAT],
  ['exp', PAST_EXP],
]);
export const futureExpToken = jws([
  ['sub', 'future'],
  ['iat', PAST_IAT],
  ['exp', FUTURE_EXP],
]);

/** The same claim twice: JSON parsers disagree on which wins, so the page must say so. */
export const duplicateClaimToken = jws([
  ['sub', 'first'],
  ['sub', 'second'],
  ['iat', IAT],
]);

/** Every token string above, for the leak check. */
export const ALL_TOKENS = [
  idToken, accessToken, refreshJwe, encryptedToken, numbersToken, pastTimesToken, futureExpToken,
  duplicateClaimToken,
].map((t) => t.token);

/** Reads the decoded JSON of a token segment (header or payload). */
export const decodeSegment = (segment) => JSON.parse(Buffer.from(segment, 'base64url').toString('utf8'));

/**
 * Describes a token issued elsewhere (the demo file, the emulator) like the ones above.
 * Only for tokens whose JSON JavaScript reads losslessly (no big numbers).
 */
export function describeJws(token) {
  const [h, p, signature] = token.split('.');
  const header = decodeSegment(h);
  const payload = decodeSegment(p);
  return {
    token,
    header: h,
    payload: p,
    signature,
    headerPretty: JSON.stringify(header, null, 2),
    payloadPretty: JSON.stringify(payload, null, 2),
    claims: Object.fromEntries(Object.entries(payload).map(([k, v]) => [k, JSON.stringify(v)])),
  };
}

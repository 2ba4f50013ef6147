// Tokens for the verification specs, signed while the tests run with the committed keys of
// tests/fixtures/jose (see its README) and Node's `crypto`. No key is generated here.
//
//   ALGS            per route name (rs256 … eddsa): JWS `alg`, the kid the keys server serves,
//                   the private key file, and how to sign
//   signJwt(…)      a compact JWS over the given header and claims
//   tamper(token)   the same token with a claim changed and the signature kept
//   keyFile(p)      a fixture file's exact text (what a user would paste)
import { constants, createHmac, createPrivateKey, sign } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { JOSE_DIR } from './env.mjs';
import { b64url, decodeSegment } from './tokens.mjs';
import { DECOY_KID, SETS } from './keys-server.mjs';

export { DECOY_KID, SETS };

/** A fixture file under tests/fixtures/jose, exactly as committed. */
export const keyFile = (rel) => readFileSync(path.join(JOSE_DIR, rel), 'utf8');
const privateKey = (name) => createPrivateKey(keyFile(`keys/${name}.pkcs8.pem`));

const pss = (hash) => ({ hash, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: constants.RSA_PSS_SALTLEN_DIGEST });
const p1363 = (hash) => ({ hash, dsaEncoding: 'ieee-p1363' });

/**
 * Route name → { alg, kid, key (private key file name), spki (public PEM to paste), opts }.
 * `kid` is what the keys server serves for that route (support/keys-server.mjs SETS).
 */
export const ALGS = {
  rs256: { alg: 'RS256', key: 'rsa2048', opts: { hash: 'sha256', padding: constants.RSA_PKCS1_PADDING } },
  rs384: { alg: 'RS384', key: 'rsa2048', opts: { hash: 'sha384', padding: constants.RSA_PKCS1_PADDING } },
  rs512: { alg: 'RS512', key: 'rsa2048', opts: { hash: 'sha512', padding: constants.RSA_PKCS1_PADDING } },
  ps256: { alg: 'PS256', key: 'rsa2048', opts: pss('sha256') },
  ps384: { alg: 'PS384', key: 'rsa2048', opts: pss('sha384') },
  ps512: { alg: 'PS512', key: 'rsa2048', opts: pss('sha512') },
  es256: { alg: 'ES256', key: 'p256', opts: p1363('sha256') },
  es384: { alg: 'ES384', key: 'p384', opts: p1363('sha384') },
  es512: { alg: 'ES512', key: 'p521', opts: p1363('sha512') },
  es256k: { alg: 'ES256K', key: 'secp256k1', opts: p1363('sha256') },
  eddsa: { alg: 'EdDSA', key: 'ed25519', opts: { hash: null } },
};
for (const [name, a] of Object.entries(ALGS)) {
  a.name = name;
  a.kid = SETS[name];
  a.spki = `public/${a.key}.spki.pem`;
}

/** The other keys of jwks/all.json, by kid: which private key signs for them. */
export const EXTRA_KIDS = {
  'rs-2048-b': { alg: 'RS256', key: 'rsa2048-b', opts: ALGS.rs256.opts },
  'rs-1024-weak': { alg: 'RS256', key: 'rsa1024', opts: ALGS.rs256.opts },
};

/** HMAC algorithms and the two committed secrets (see tests/fixtures/jose/README.md). */
export const HMAC = { HS256: 'sha256', HS384: 'sha384', HS512: 'sha512' };
export const HMAC_TEXT_SECRET = keyFile('keys/hmac-text.txt'); // the key is these UTF-8 bytes
export const HMAC_BASE64URL_SECRET = keyFile('keys/hmac-base64.txt'); // the key is the decoded bytes

/** 2026-01-01T00:00:00Z and 2100-01-01T00:00:00Z */
export const IAT = 1767225600;
export const FAR_EXP = 4102444800;

/** Standard claims for a test token; `extra` adds or overrides. */
export const claims = (iss, extra = {}) => ({
  iss,
  sub: 'user-1234',
  aud: 'tokenlens-e2e',
  iat: IAT,
  exp: FAR_EXP,
  jti: 'tokenlens-e2e',
  ...extra,
});

const encode = (obj) => b64url(JSON.stringify(obj));

/**
 * Signs `payload` with `signer`: an ALGS entry, an EXTRA_KIDS entry, or { alg: 'HS…', secret }
 * (secret: string = UTF-8 bytes, or a Buffer). `header` is merged over {alg, typ, kid}; pass
 * `kid: undefined` to leave the kid out.
 */
export function signJwt(signer, payload, header = {}) {
  const h = { alg: signer.alg, typ: 'JWT', ...(signer.kid ? { kid: signer.kid } : {}), ...header };
  for (const k of Object.keys(h)) if (h[k] === undefined) delete h[k];
  const input = `${encode(h)}.${encode(payload)}`;
  let signature;
  if (signer.alg.startsWith('HS')) {
    signature = createHmac(HMAC[signer.alg], signer.secret).update(input).digest();
  } else {
    const { hash, ...opts } = signer.opts;
    signature = sign(hash, Buffer.from(input), { key: privateKey(signer.key), ...opts });
  }
  return `${input}.${b64url(signature)}`;
}

/** The token with `sub` changed to "admin" and the signature kept: must never verify. */
export function tamper(token, changes = { sub: 'admin' }) {
  const [h, p, s] = token.split('.');
  return `${h}.${encode({ ...decodeSegment(p), ...changes })}.${s}`;
}

/** The decoded header of a compact token. */
export const headerOf = (token) => decodeSegment(token.split('.')[0]);

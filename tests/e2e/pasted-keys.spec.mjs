// Keys pasted into the keys area, in every format a user has at hand: a JWKS, a single JWK, an
// SPKI PEM, an X.509 certificate, an HMAC secret as text or base64, and private keys pasted by
// mistake. Also the demo, and a token with no keys at all. Nothing here touches the network.
import { readFileSync } from 'node:fs';
import { DEMO_RESPONSE_FILE } from './support/env.mjs';
import { expect, test } from './support/fixtures.mjs';
import {
  ALGS,
  HMAC_BASE64URL_SECRET,
  HMAC_TEXT_SECRET,
  claims,
  keyFile,
  signJwt,
  tamper,
} from './support/jose.mjs';
import { expectNoPageErrors, expectNoTokenLeak } from './support/leaks.mjs';

const ISS = 'https://issuer.tokenlens.test';
const demo = JSON.parse(readFileSync(DEMO_RESPONSE_FILE, 'utf8')).AuthenticationResult;

let used = [];
const track = (token) => (used.push(token), token);

test.beforeEach(async ({ app }) => {
  used = [demo.IdToken, demo.AccessToken, demo.RefreshToken];
  await app.open();
});

test.afterEach(async ({ requests, pageErrors, keyServer }) => {
  await expectNoTokenLeak(requests, used);
  await expectNoTokenLeak(await keyServer.requests({ everyone: true }), used);
  expectNoPageErrors(pageErrors);
});

test('with nothing pasted, the demo tokens verify with the embedded demo key set', async ({ app }) => {
  await expect(app.demoNote).toBeVisible();
  await expect(app.keysInput).toHaveValue('');
  for (const label of ['IdToken', 'AccessToken']) {
    await app.select(label);
    await expect(app.signatureRaw).toHaveText(demo[label].split('.')[2]);
    await app.expectVerdict('valid');
    await app.expectFinding('signature_valid');
  }
});

test('a token with no keys pasted or fetched is unverifiable for want of keys', async ({ app }) => {
  await app.pasteToken(track(signJwt(ALGS.rs256, claims(ISS))));
  await app.expectVerdict('unverifiable');
  await app.expectFinding('no_keys');
});

test('keys that cannot be read are said beside the unchecked verdict, with where they break', async ({ app }) => {
  // A review: a JWKS cut off mid-paste read "no usable key was given" at the verdict, the
  // reason only in the Keys panel below.
  const token = track(signJwt(ALGS.rs256, claims(ISS)));
  await app.pasteToken(token);
  await app.pasteKeys('{"keys": [ {"kid": "abc", "kty": "RSA", "n": "xyz" ');
  await app.expectVerdict('unverifiable');
  const note = app.page.locator('[data-testid="verdict-keys-unread"]');
  await expect(note).toContainText('The keys you pasted were not read');
  await expect(note).toContainText('character');
  // And under the answer line that waits for keys (review round 11: it said only "Fetch or
  // paste the issuer's JWKS").
  await app.chooseGateway('oidc');
  const lead = app.page.locator('[data-testid="lead-keys-unread"]');
  await expect(lead).toContainText('The keys you pasted were not read');
  // Fixed keys: the note goes with the problem.
  await app.pasteKeys(keyFile('jwks/all.json'));
  await app.expectVerdict('valid');
  await expect(note).toHaveCount(0);
  await expect(lead).toHaveCount(0);
});

test('a pasted JWKS verifies a token of every asymmetric algorithm, each by its kid', async ({ app }) => {
  await app.pasteKeys(keyFile('jwks/all.json'));
  for (const a of Object.values(ALGS)) {
    await app.pasteToken(track(signJwt(a, claims(ISS))));
    await app.expectVerdict('valid', { kid: a.kid });
    await app.expectFinding('signature_valid');
  }
});

test('a kid missing from a pasted JWKS is kid_not_found', async ({ app }) => {
  await app.pasteKeys(keyFile('jwks/all.json'));
  await app.pasteToken(track(signJwt(ALGS.rs256, claims(ISS), { kid: 'retired-2025' })));
  await app.expectVerdict('unverifiable');
  await app.expectFinding('kid_not_found');
  // Pasted keys may be anyone's: no gateway is said to reject the token for a kid they lack.
  for (const p of ['http-jwt', 'oidc']) {
    await expect(app.profile(p)).toHaveCount(1);
    await expect(app.profile(p)).not.toHaveAttribute('data-verdict', 'reject');
  }
  await expect(app.profileFinding('http-jwt', 'http_signature_unchecked')).toHaveCount(1);
  await expect(app.profileFinding('oidc', 'oidc_signature_unchecked')).toHaveCount(1);
  const kidMiss = app.page.locator('[data-testid="profiles"] li[data-code*="kid_not"]');
  await expect(app.profile('http-jwt')).toHaveCount(1);
  expect(await kidMiss.count()).toBe(0);
});

const singleKeys = [
  ...Object.values(ALGS).map((a) => ({ what: `${a.alg} as a single JWK`, file: `public/${a.key}.jwk.json`, a, kid: a.kid })),
  ...Object.values(ALGS).map((a) => ({ what: `${a.alg} as an SPKI PEM`, file: a.spki, a })),
  { what: 'RS256 as an X.509 certificate PEM', file: 'public/rsa2048.cert.pem', a: ALGS.rs256 },
  { what: 'ES256 as an X.509 certificate PEM', file: 'public/p256.cert.pem', a: ALGS.es256 },
];
// public/rsa2048.jwk.json names alg RS256: the RS384/RS512/PS* tokens need a key that allows them.
const jwkAllows = (k) => !k.kid || JSON.parse(keyFile(k.file)).alg === k.a.alg;

for (const k of singleKeys.filter(jwkAllows)) {
  test(`a token verifies with the key pasted ${k.what}`, async ({ app }) => {
    await app.pasteKeys(keyFile(k.file));
    await app.pasteToken(track(signJwt(k.a, claims(ISS))));
    await app.expectVerdict('valid', { kid: k.kid });
    await app.expectFinding('signature_valid');
    await expect(app.privateKeyWarning).toBeHidden();
  });
}

test('a tampered token is invalid against its pasted SPKI PEM', async ({ app }) => {
  await app.pasteKeys(keyFile(ALGS.es384.spki));
  await app.pasteToken(track(tamper(signJwt(ALGS.es384, claims(ISS)))));
  await app.expectVerdict('invalid');
  await app.expectFinding('signature_mismatch');
});

for (const alg of ['HS256', 'HS384', 'HS512']) {
  test(`an ${alg} token verifies with its secret pasted as text`, async ({ app }) => {
    await app.pasteToken(track(signJwt({ alg, secret: HMAC_TEXT_SECRET }, claims(ISS))));
    await app.pasteKeys(HMAC_TEXT_SECRET);
    await app.setSecretEncoding('text');
    await app.expectVerdict('valid');
    await app.expectFinding('signature_valid');
  });
}

const base64Secret = Buffer.from(HMAC_BASE64URL_SECRET, 'base64url');
for (const [form, pasted] of [
  ['base64url without padding', HMAC_BASE64URL_SECRET],
  ['standard base64 with padding', base64Secret.toString('base64')],
]) {
  test(`an HS256 secret pasted as ${form} verifies once the encoding is base64`, async ({ app }) => {
    await app.pasteToken(track(signJwt({ alg: 'HS256', secret: base64Secret }, claims(ISS))));
    await app.pasteKeys(pasted);
    await app.setSecretEncoding('text');
    await app.expectVerdict('invalid'); // the base64 characters used as the key bytes
    await app.setSecretEncoding('base64');
    await app.expectVerdict('valid');
    await app.expectFinding('signature_valid');
  });
}

test('a tampered HS256 token is invalid with the right secret', async ({ app }) => {
  await app.pasteToken(track(tamper(signJwt({ alg: 'HS256', secret: HMAC_TEXT_SECRET }, claims(ISS)))));
  await app.pasteKeys(HMAC_TEXT_SECRET);
  await app.setSecretEncoding('text');
  await app.expectVerdict('invalid');
  await app.expectFinding('signature_mismatch');
});

test('an HS256 token keyed with the RSA public key PEM is key confusion, never valid', async ({ app }) => {
  const pem = keyFile(ALGS.rs256.spki);
  await app.pasteToken(track(signJwt({ alg: 'HS256', secret: pem }, claims(ISS))));
  await app.pasteKeys(pem);
  await app.expectVerdict('invalid');
  await app.expectFinding('key_confusion');
});

const privateKeys = [
  { file: 'private/rsa2048.private.jwk.json', a: ALGS.rs256, kid: ALGS.rs256.kid },
  { file: 'private/rsa2048.pkcs1.private.pem', a: ALGS.rs256 },
  { file: 'keys/rsa2048.pkcs8.pem', a: ALGS.rs256 },
  { file: 'private/p256.private.jwk.json', a: ALGS.es256, kid: ALGS.es256.kid },
  { file: 'private/p256.sec1.private.pem', a: ALGS.es256 },
];
for (const k of privateKeys) {
  test(`a private key pasted by mistake (${k.file}) is warned about and verifies with its public part`, async ({ app }) => {
    await app.pasteKeys(keyFile(k.file));
    await app.pasteToken(track(signJwt(k.a, claims(ISS))));
    await expect(app.privateKeyWarning).toBeVisible();
    await app.expectFinding('private_key_pasted');
    await app.expectVerdict('valid', { kid: k.kid });
  });
}

// Keys fetched over loopback from the keys server (support/keys-server.mjs), with CORS: discovery
// from the token's issuer, a JWKS URL typed by hand, key rotation and the issuer check.
// Tokens are signed while the tests run (support/jose.mjs) with the committed fixture keys.
import { expect, test } from './support/fixtures.mjs';
import { ALGS, DECOY_KID, claims, signJwt, tamper } from './support/jose.mjs';
import { expectNoPageErrors, expectNoTokenLeak } from './support/leaks.mjs';

let used = [];
const track = (token) => (used.push(token), token);

test.beforeEach(async ({ app }) => {
  used = [];
  await app.open();
});

test.afterEach(async ({ requests, pageErrors, keyServer }) => {
  await expectNoTokenLeak(requests, used);
  await expectNoTokenLeak(await keyServer.requests({ everyone: true }), used); // what the server saw
  expectNoPageErrors(pageErrors);
});

/** The requests that reached the keys server carry the app's Origin and no credentials. */
async function expectPlainCrossOriginGets(keyServer, baseURL) {
  const origin = new URL(baseURL).origin;
  for (const r of await keyServer.requests()) {
    expect(r.method, r.path).toBe('GET');
    expect(r.headers.origin, r.path).toBe(origin);
    expect(r.headers.authorization, r.path).toBeUndefined();
    expect(r.headers.cookie, r.path).toBeUndefined();
  }
}

for (const a of Object.values(ALGS)) {
  test(`a token signed ${a.alg} verifies with the key found by discovery from its issuer`, async ({ app, keyServer, baseURL }) => {
    const iss = keyServer.issuer(a.name);
    const token = track(signJwt(a, claims(iss)));
    await app.pasteToken(token);
    await expect(app.discoverUrl).toContainText(keyServer.discoveryUrl(a.name));
    await expect(app.discoverButton).toBeEnabled();
    expect(await keyServer.paths(), 'nothing is fetched before the click').toEqual([]);

    await app.discoverButton.click();
    await app.expectFetchOk();
    await app.expectVerdict('valid', { kid: a.kid });
    await app.expectFinding('signature_valid');
    await expect(app.keySummary).toContainText(a.kid);
    await expect(app.keySummary).toContainText(DECOY_KID);
    await expect(app.keyCandidate(a.kid)).toHaveCount(1);
    await expect(app.issuerMismatch).toBeHidden();
    expect(await keyServer.paths()).toEqual([
      `GET /cors/${a.name}/.well-known/openid-configuration`,
      `GET /cors/${a.name}/jwks.json`,
    ]);
    await expectPlainCrossOriginGets(keyServer, baseURL);
  });
}

test('a JWKS URL typed by hand is fetched on click, and the key is chosen by kid, not by position', async ({ app, keyServer }) => {
  const token = track(signJwt(ALGS.rs256, claims(keyServer.issuer('rs256'))));
  await app.pasteToken(token);
  await app.jwksUrl.fill(keyServer.jwksUrl('rs256'));
  await expect(app.jwksUrl).toHaveValue(keyServer.jwksUrl('rs256'));
  expect(await keyServer.paths(), 'typing a URL fetches nothing').toEqual([]);

  await app.fetchJwksButton.click();
  await app.expectFetchOk();
  // The set lists rs-2048-b (same alg, another key) first: only the kid picks rs-2048.
  await app.expectVerdict('valid', { kid: ALGS.rs256.kid });
  await expect(app.keyCandidate(ALGS.rs256.kid)).toHaveCount(1);
  await expect(app.keyCandidate(DECOY_KID)).toHaveCount(1);
  expect(await keyServer.paths()).toEqual(['GET /cors/rs256/jwks.json']);
});

test('keys fetched once stay in use for the next token pasted, without another fetch', async ({ app, keyServer }) => {
  await app.pasteToken(track(signJwt(ALGS.es256, claims(keyServer.issuer('all')))));
  await app.fetchJwks(keyServer.jwksUrl('all'));
  await app.expectFetchOk();
  await app.expectVerdict('valid', { kid: ALGS.es256.kid });

  await app.pasteToken(track(signJwt(ALGS.eddsa, claims(keyServer.issuer('all')))));
  await app.expectVerdict('valid', { kid: ALGS.eddsa.kid });
  expect(await keyServer.paths()).toEqual(['GET /cors/all/jwks.json']);
});

for (const name of ['rs256', 'es256', 'eddsa']) {
  test(`a tampered token signed ${ALGS[name].alg} is invalid against the discovered key`, async ({ app, keyServer }) => {
    const a = ALGS[name];
    const token = track(tamper(signJwt(a, claims(keyServer.issuer(name)))));
    await app.pasteToken(token);
    await app.discoverButton.click();
    await app.expectFetchOk();
    await app.expectVerdict('invalid', { kid: a.kid });
    await app.expectFinding('signature_mismatch');
    await expect(app.finding('signature_valid')).toHaveCount(0);
  });
}

test('a discovery document whose issuer differs from iss (trailing slash) is flagged', async ({ app, keyServer }) => {
  const token = track(signJwt(ALGS.rs256, claims(keyServer.issuer('mismatch'))));
  await app.pasteToken(token);
  await expect(app.discoverUrl).toContainText(keyServer.discoveryUrl('mismatch'));
  await app.discoverButton.click();
  await expect(app.issuerMismatch).toBeVisible();
  expect(await keyServer.paths()).toContain('GET /cors/mismatch/.well-known/openid-configuration');
});

test('a key rotated in after the first fetch is found by one refetch of the same URL', async ({ app, keyServer }) => {
  const token = track(signJwt(ALGS.rs256, claims(keyServer.issuer('rotating'))));
  await app.pasteToken(token);
  await app.fetchJwks(keyServer.jwksUrl('rotating'));
  await expect(app.fetchStatus).toHaveAttribute('data-refetched', 'true');
  await app.expectFetchOk();
  await app.expectVerdict('valid', { kid: ALGS.rs256.kid });
  expect(await keyServer.paths()).toEqual(['GET /cors/rotating/jwks.json', 'GET /cors/rotating/jwks.json']);
});

test('a kid that no refetch brings is kid_not_found after exactly one refetch', async ({ app, keyServer }) => {
  const token = track(signJwt(ALGS.rs256, claims(keyServer.issuer('rs256')), { kid: 'retired-2025' }));
  await app.pasteToken(token);
  await app.fetchJwks(keyServer.jwksUrl('rs256'));
  await expect(app.fetchStatus).toHaveAttribute('data-refetched', 'true');
  await app.expectFetchOk();
  await app.expectVerdict('unverifiable');
  await app.expectFinding('kid_not_found');
  // A URL typed by hand may be any environment's keys: the rows do not reject for the kid.
  await expect(app.profileFinding('oidc', 'oidc_signature_unchecked')).toContainText('retired-2025');
  await expect(app.profileFinding('oidc', 'oidc_kid_not_in_jwks')).toHaveCount(0);
  expect(await keyServer.paths()).toEqual(['GET /cors/rs256/jwks.json', 'GET /cors/rs256/jwks.json']);
});

test('a kid the key set discovered from iss lacks is a rejection, not "needs the issuer\'s keys"', async ({ app, keyServer }) => {
  const token = track(signJwt(ALGS.rs256, claims(keyServer.issuer('rs256')), { kid: 'retired-2025' }));
  await app.pasteToken(token);
  await app.discoverButton.click();
  await app.expectFetchOk();
  await app.expectVerdict('unverifiable');
  await expect(app.finding('kid_not_found')).toContainText('fetched for its issuer');
  await app.expectRejects('http-jwt', 401, 'http_kid_not_in_jwks');
  await app.expectRejects('oidc', 401, 'oidc_kid_not_in_jwks');
});

test('a kid missing from issuer keys fetched before the token was issued asks for a new fetch, then rejects', async ({ app, keyServer, page }) => {
  // G11 (rotation): the first token's keys were fetched; a later token of the same issuer, issued
  // after that fetch, may be signed with a key published since.
  const iss = keyServer.issuer('rs256');
  const first = track(signJwt(ALGS.rs256, claims(iss)));
  await app.pasteToken(first);
  await app.discoverButton.click();
  await app.expectFetchOk();
  await app.expectVerdict('valid', { kid: ALGS.rs256.kid });
  await page.waitForTimeout(1_100); // the next token's iat is a later second than the fetch
  const later = track(signJwt(ALGS.rs256, claims(iss, { iat: Math.floor(Date.now() / 1000) }), { kid: 'published-later' }));
  await app.pasteToken(later);
  await app.expectVerdict('unverifiable');
  await expect(app.finding('kid_not_found')).toContainText('fetched before the token was issued');
  await expect(app.profileFinding('http-jwt', 'http_signature_unchecked')).toContainText('fetched before this token was issued');
  await expect(app.profileFinding('http-jwt', 'http_kid_not_in_jwks')).toHaveCount(0);
  // Fetched again after the token was issued, the issuer's keys still lack it: a rejection.
  await app.discoverButton.click();
  await app.expectFetchOk();
  await app.expectRejects('http-jwt', 401, 'http_kid_not_in_jwks');
  await expect(app.finding('kid_not_found')).toContainText('does not publish that key');
});

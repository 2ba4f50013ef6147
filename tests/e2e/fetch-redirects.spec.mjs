// Redirects from a key-set URL: followed on the same origin (and the final URL shown), refused
// across origins with both URLs named, so keys are never used from a server the user did not ask.
import { expect, test } from './support/fixtures.mjs';
import { ALGS, claims, signJwt } from './support/jose.mjs';

test.beforeEach(async ({ app }) => {
  await app.open();
});

test('a 302 to another origin is refused, names both URLs, and its keys are not used', async ({ app, keyServer, track }) => {
  const url = keyServer.url('/cors/redirectcross/jwks.json');
  await app.pasteToken(track(signJwt(ALGS.rs256, claims(keyServer.issuer('rs256')))));
  await app.fetchJwks(url);
  // The destination is the same namespace on the keys server's second listener (another port).
  const to = new RegExp(`http://127\\.0\\.0\\.1:(?!${new URL(url).port})\\d+/t/[^ ]+/cors/rs256/jwks\\.json`);
  await app.expectFetchError('cross-origin-redirect', [url]);
  await expect(app.fetchStatus).toContainText(to);
  await app.expectVerdict('unverifiable');
  await expect(app.fetchStatus.locator('[data-testid="key-summary"]')).toHaveCount(0);
  const hosts = (await keyServer.requests()).map((r) => `${r.path} @ ${r.headers.host}`);
  expect(hosts[0]).toBe(`/cors/redirectcross/jwks.json @ ${new URL(url).host}`);
});

test('a 302 on the same origin is followed, and the final URL is the one shown', async ({ app, keyServer, track }) => {
  const url = keyServer.url('/cors/redirectsame/jwks.json');
  await app.pasteToken(track(signJwt(ALGS.rs256, claims(keyServer.issuer('rs256')))));
  await app.fetchJwks(url);
  await app.expectFetchOk();
  await expect(app.fetchStatus).toContainText(keyServer.jwksUrl('rs256'));
  await app.expectVerdict('valid', { kid: ALGS.rs256.kid });
  expect(await keyServer.paths()).toEqual(['GET /cors/redirectsame/jwks.json', 'GET /cors/rs256/jwks.json']);
});

// Hostile or broken key servers, each with its own message: a proxy's HTML error page, a login
// page served as 200, plain text, and a body that trickles in slower than the timeout.
import { expect, test } from './support/fixtures.mjs';
import { ALGS, claims, signJwt } from './support/jose.mjs';

test.beforeEach(async ({ app }) => {
  await app.open();
});

test('an HTML error page with 503 names the status and the page title', async ({ app, keyServer, track }) => {
  const url = keyServer.url('/cors/errorpage/jwks.json');
  await app.pasteToken(track(signJwt(ALGS.rs256, claims(keyServer.issuer('rs256')))));
  await app.fetchJwks(url);
  await app.expectFetchError('status', [url, '503', 'HTML error page', '503 Service Temporarily Unavailable']);
  await app.expectVerdict('unverifiable');
});

test('a login page served with 200 is html-page, with its title', async ({ app, keyServer, track }) => {
  const url = keyServer.url('/cors/html/jwks.json');
  await app.pasteToken(track(signJwt(ALGS.rs256, claims(keyServer.issuer('rs256')))));
  await app.fetchJwks(url);
  await app.expectFetchError('html-page', [url, 'Sign in']);
});

test('plain text is not-json', async ({ app, keyServer, track }) => {
  const url = keyServer.url('/cors/text/jwks.json');
  await app.pasteToken(track(signJwt(ALGS.rs256, claims(keyServer.issuer('rs256')))));
  await app.fetchJwks(url);
  await app.expectFetchError('not-json', [url]);
});

test('a body slower than the 10 s limit is a timeout, even though the headers came at once', async ({ app, keyServer, track }) => {
  test.setTimeout(45_000);
  const url = keyServer.url('/cors/slow/jwks.json');
  await app.pasteToken(track(signJwt(ALGS.rs256, claims(keyServer.issuer('rs256')))));
  await app.fetchJwks(url);
  await expect(app.fetchStatus).toHaveAttribute('data-state', 'loading');
  await expect(app.fetchStatus).toHaveAttribute('data-problem', 'timeout', { timeout: 20_000 });
  await expect(app.fetchStatus).toContainText(url);
  await expect(app.fetchStatus).toContainText('10 s');
});

// Fetches that fail, each with its own message, and what the user can do next: the same keys
// server without CORS (→ the curl command and pasting), a 404, HTML instead of JSON, JSON that is
// no key set, a discovery document without jwks_uri, a URL that is no URL, a 1 MiB answer, and a
// JWKS with broken entries whose good keys still verify.
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { JOSE_DIR } from './support/env.mjs';
import { expect, test } from './support/fixtures.mjs';
import { ALGS, EXTRA_KIDS, claims, signJwt } from './support/jose.mjs';

test.beforeEach(async ({ app }) => {
  await app.open();
});

/** Runs `curl -sS <url>` as the page's fallback tells the user to, and returns what it printed. */
const curl = (url) =>
  new Promise((resolve, reject) =>
    execFile('curl', ['-sS', url], { timeout: 10_000 }, (error, stdout, stderr) =>
      error ? reject(new Error(`curl failed: ${error.message}\n${stderr}`)) : resolve(stdout),
    ),
  );

test('without CORS headers the fetch fails as network-or-CORS, offers a curl command, and the pasted body verifies', async ({ app, keyServer, track }) => {
  const url = keyServer.jwksUrl('rs256', { cors: false });
  await app.pasteToken(track(signJwt(ALGS.rs256, claims(keyServer.issuer('rs256', { cors: false })))));
  await app.fetchJwks(url);

  await app.expectFetchError('network-or-cors', [url]);
  await expect(app.fetchStatus).toContainText(/CORS|network/i);
  await expect(app.fetchStatus).toContainText(/past/i);
  await expect(app.curlFallback).toContainText(`curl -sS '${url}'`);
  // The browser sent the request and the server answered; only the missing header blocked it.
  expect(await keyServer.paths()).toEqual(['GET /nocors/rs256/jwks.json']);
  await app.expectVerdict('unverifiable');
  // The verdict does not stop at "no key was given": the page tried, and says so beside it.
  const fetchFailed = app.page.locator('[data-testid="verdict-fetch-failed"]');
  await expect(fetchFailed).toContainText("Fetching keys for this token's issuer failed");
  await expect(fetchFailed).toContainText('command');
  // And where the answer is read first, under the line that waits for those keys (review
  // round 11: "Fetch or paste the issuer's JWKS" alone, though fetching had just failed).
  // (An OIDC resource server: API Gateway never fetches from this test's http:// issuer.)
  await app.chooseGateway('oidc');
  const leadFailed = app.page.locator('[data-testid="lead-fetch-failed"]');
  await expect(leadFailed).toContainText("Fetching keys for this token's issuer failed");

  await app.pasteKeys(await curl(url));
  await app.expectVerdict('valid', { kid: ALGS.rs256.kid });
  await app.expectFinding('signature_valid');
  await expect(fetchFailed).toHaveCount(0);
  await expect(leadFailed).toHaveCount(0);
});

test('discovery without CORS headers offers curl for the discovery document', async ({ app, keyServer, track }) => {
  await app.pasteToken(track(signJwt(ALGS.es256, claims(keyServer.issuer('es256', { cors: false })))));
  await expect(app.discoverUrl).toContainText(keyServer.discoveryUrl('es256', { cors: false }));
  await app.discoverButton.click();
  await app.expectFetchError('network-or-cors', [keyServer.discoveryUrl('es256', { cors: false })]);
  await expect(app.curlFallback).toContainText(`curl -sS '${keyServer.discoveryUrl('es256', { cors: false })}'`);
  expect(await keyServer.paths()).toEqual(['GET /nocors/es256/.well-known/openid-configuration']);
});

test('a 404 names the status and the URL, and a good URL afterwards verifies', async ({ app, keyServer, track }) => {
  const url = keyServer.url('/cors/missing/jwks.json');
  await app.pasteToken(track(signJwt(ALGS.rs256, claims(keyServer.issuer('rs256')))));
  await app.fetchJwks(url);
  await app.expectFetchError('status', ['404', url]);
  await expect(app.curlFallback).toBeHidden();
  await app.expectVerdict('unverifiable');
  // Said beside the verdict, without promising a command the Keys panel does not give here.
  const fetchFailed = app.page.locator('[data-testid="verdict-fetch-failed"]');
  await expect(fetchFailed).toContainText("Fetching keys for this token's issuer failed");
  await expect(fetchFailed).not.toContainText('command');

  await app.fetchJwks(keyServer.jwksUrl('rs256'));
  await app.expectFetchOk();
  await app.expectVerdict('valid', { kid: ALGS.rs256.kid });
});

test('an HTML page instead of JSON is html-page, and a good URL afterwards verifies', async ({ app, keyServer, track }) => {
  const url = keyServer.url('/cors/html/jwks.json');
  await app.pasteToken(track(signJwt(ALGS.ps256, claims(keyServer.issuer('ps256')))));
  await app.fetchJwks(url);
  await app.expectFetchError('html-page', [url]);
  await app.expectVerdict('unverifiable');

  await app.fetchJwks(keyServer.jwksUrl('ps256'));
  await app.expectFetchOk();
  await app.expectVerdict('valid', { kid: ALGS.ps256.kid });
});

test('JSON that is not a key set is not-key-set', async ({ app, keyServer, track }) => {
  const url = keyServer.url('/cors/notkeyset/jwks.json');
  await app.pasteToken(track(signJwt(ALGS.rs256, claims(keyServer.issuer('rs256')))));
  await app.fetchJwks(url);
  await app.expectFetchError('not-key-set', [url]);
  await app.expectVerdict('unverifiable');
});

test('a discovery document without jwks_uri is no-jwks-uri', async ({ app, keyServer, track }) => {
  await app.pasteToken(track(signJwt(ALGS.rs256, claims(keyServer.issuer('nojwksuri')))));
  await app.discoverButton.click();
  await app.expectFetchError('no-jwks-uri', [keyServer.discoveryUrl('nojwksuri')]);
  expect(await keyServer.paths()).toEqual(['GET /cors/nojwksuri/.well-known/openid-configuration']);
});

for (const [what, value] of [
  ['text that is no URL at all', 'not a url'],
  ['a plain-http URL to another machine', 'http://keys.example.com/jwks.json'],
]) {
  test(`${what} in the JWKS URL field is bad-url, and nothing is requested`, async ({ app, keyServer, requests, track }) => {
    await app.pasteToken(track(signJwt(ALGS.rs256, claims(keyServer.issuer('rs256')))));
    const before = requests.length;
    await app.fetchJwks(value);
    await app.expectFetchError('bad-url');
    expect(requests.slice(before).map((r) => r.url), 'requests after the click').toEqual([]);
  });
}

for (const route of ['huge', 'hugechunked']) {
  test(`a 1 MiB answer is too-large (${route === 'huge' ? 'Content-Length given' : 'chunked'})`, async ({ app, keyServer, track }) => {
    const url = keyServer.url(`/cors/${route}/jwks.json`);
    await app.pasteToken(track(signJwt(ALGS.rs256, claims(keyServer.issuer('rs256')))));
    await app.fetchJwks(url);
    await app.expectFetchError('too-large', [url]);
    await app.expectVerdict('unverifiable');
  });
}

test('a JWKS with broken entries lists each by index, and every good key still verifies', async ({ app, keyServer, track }) => {
  const expected = JSON.parse(readFileSync(path.join(JOSE_DIR, 'jwks', 'one-broken.expect.json'), 'utf8'));
  const signers = Object.fromEntries([
    ...Object.values(ALGS).map((a) => [a.kid, a]),
    ...Object.entries(EXTRA_KIDS).map(([kid, e]) => [kid, { ...e, kid }]),
  ]);
  const iss = keyServer.issuer('broken');
  const firstKid = expected.usable_kids[0];
  await app.pasteToken(track(signJwt(signers[firstKid], claims(iss))));
  await app.fetchJwks(keyServer.url('/cors/broken/jwks.json'));
  await app.expectFetchOk();

  await expect(app.keyProblems).toHaveCount(expected.broken.length);
  for (const { index, kid } of expected.broken) {
    const item = app.keyProblem(index);
    await expect(item).toHaveCount(1);
    await expect(item).toContainText(String(index));
    if (kid) await expect(item).toContainText(kid);
  }
  for (const kid of expected.usable_kids) await expect(app.keySummary).toContainText(kid);
  for (const { kid } of expected.broken) if (kid) await expect(app.keySummary).not.toContainText(kid);

  for (const kid of expected.usable_kids) {
    if (kid !== firstKid) await app.pasteToken(track(signJwt(signers[kid], claims(iss))));
    await app.expectVerdict('valid', { kid });
  }
  expect(await keyServer.paths()).toEqual(['GET /cors/broken/jwks.json']);
});

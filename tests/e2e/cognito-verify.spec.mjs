// Tokens the Cognito emulator (moto_server) issued, verified against the emulator's own JWKS,
// fetched by the page over loopback (moto answers with CORS for the app's origin).
import { e2eEnv } from './support/env.mjs';
import { expect, test } from './support/fixtures.mjs';
import { headerOf, tamper } from './support/jose.mjs';
import { expectNoPageErrors, expectNoTokenLeak } from './support/leaks.mjs';

const cognito = () => e2eEnv.cognito;
const result = () => cognito().response.AuthenticationResult;
const tampered = () => tamper(result().IdToken, { 'cognito:username': 'mallory' });
const tokensOf = () => [...Object.values(result()).filter((v) => typeof v === 'string'), tampered()];

test.beforeEach(async ({ app }) => {
  await app.open();
});

test.afterEach(async ({ requests, pageErrors, keyServer }) => {
  await expectNoTokenLeak(requests, tokensOf());
  await expectNoTokenLeak(await keyServer.requests({ everyone: true }), tokensOf());
  expectNoPageErrors(pageErrors);
});

test("the emulator's ID and access tokens verify against its JWKS fetched over loopback", async ({ app, requests }) => {
  const { jwks_url: jwksUrl } = cognito();
  const { kid } = headerOf(result().IdToken);
  const jwksRequests = () => requests.filter((r) => r.url === jwksUrl);

  await app.pasteToken(result().IdToken);
  expect(jwksRequests(), 'nothing is fetched before the click').toEqual([]);
  await app.fetchJwks(jwksUrl);
  await app.expectFetchOk();
  await expect(app.keySummary).toContainText(kid);
  await app.expectVerdict('valid', { kid });
  await app.expectFinding('signature_valid');

  await app.pasteToken(result().AccessToken);
  expect(headerOf(result().AccessToken).kid).toBe(kid);
  await app.expectVerdict('valid', { kid });
  await app.expectFinding('signature_valid');
  expect(jwksRequests().map((r) => r.method)).toEqual(['GET']);
});

test("a tampered copy of the emulator's ID token is invalid against its JWKS", async ({ app }) => {
  const { kid } = headerOf(result().IdToken);
  await app.pasteToken(tampered());
  await app.fetchJwks(cognito().jwks_url);
  await app.expectFetchOk();
  await app.expectVerdict('invalid', { kid });
  await app.expectFinding('signature_mismatch');
  await expect(app.finding('signature_valid')).toHaveCount(0);
});

test('a Cognito issuer is on the built-in allow-list: its {iss}/.well-known/jwks.json is fetched without a click, and nothing else', async ({ app, requests }) => {
  const { issuer } = cognito(); // https://cognito-idp.<region>.amazonaws.com/<pool>: not reachable here
  await app.pasteToken(result().IdToken);
  await expect(app.discoverUrl).toContainText(`${issuer}/.well-known/jwks.json`);
  await expect(app.discoverButton).toBeVisible();
  // The automatic fetch fails here (no route to AWS), which the page reports like any other.
  await expect(app.fetchStatus).toHaveAttribute('data-state', 'error');
  const offOrigin = () => requests.filter((r) => !r.url.startsWith(new URL(app.page.url()).origin)).map((r) => r.url);
  expect(offOrigin()).toEqual([`${issuer}/.well-known/jwks.json`]);
});

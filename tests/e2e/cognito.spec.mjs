// Real tokens from a Cognito emulator (moto_server, seeded by cognito_seed.py in global setup).
import { e2eEnv } from './support/env.mjs';
import { expect, test } from './support/fixtures.mjs';
import { expectNoPageErrors, expectNoTokenLeak } from './support/leaks.mjs';
import { describeJws } from './support/tokens.mjs';

const cognito = () => e2eEnv.cognito;
const tokensOf = () => Object.values(cognito().response.AuthenticationResult).filter((v) => typeof v === 'string');

test.afterEach(async ({ requests, pageErrors }) => {
  await expectNoTokenLeak(requests, tokensOf());
  expectNoPageErrors(pageErrors);
});

test('an AuthenticationResult from the Cognito emulator offers IdToken, AccessToken and an opaque RefreshToken', async ({ app }) => {
  const { response, client_id: clientId, issuer } = cognito();
  const result = response.AuthenticationResult;
  const pasted = JSON.stringify(response, null, 2); // as `aws cognito-idp admin-initiate-auth` prints it
  const labels = Object.keys(result).filter((k) => ['IdToken', 'AccessToken', 'RefreshToken'].includes(k));

  await app.open();
  await app.paste(pasted);
  await app.expectCandidates(labels);

  await app.select('IdToken');
  await app.expectJws(describeJws(result.IdToken));
  await app.expectClaim('token_use', '"id"');
  await app.expectClaim('aud', JSON.stringify(clientId));
  await app.expectClaim('iss', JSON.stringify(issuer));

  await app.select('AccessToken');
  await app.expectJws(describeJws(result.AccessToken));
  await app.expectClaim('token_use', '"access"');
  await app.expectClaim('client_id', JSON.stringify(clientId));
  await expect(app.claim('aud')).toHaveCount(0);

  await app.select('RefreshToken'); // moto's refresh token is a UUID, not a JWE
  await expect(app.tokenShape).toHaveText('Opaque');
  await expect(app.jweNotice).toBeHidden();
  await expect(app.claimRows).toHaveCount(0);
});

test('the emulator serves its JWKS to the app origin with CORS (precondition for key fetching)', async ({ request, baseURL }) => {
  const origin = new URL(baseURL).origin;
  const res = await request.get(cognito().jwks_url, { headers: { Origin: origin } });
  expect(res.status()).toBe(200);
  expect(res.headers()['access-control-allow-origin']).toBe(origin);
  const { keys } = await res.json();
  const { kid } = JSON.parse(Buffer.from(cognito().response.AuthenticationResult.IdToken.split('.')[0], 'base64url').toString());
  expect(keys.map((k) => k.kid)).toContain(kid);
});

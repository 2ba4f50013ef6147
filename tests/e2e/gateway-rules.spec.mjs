// The rule families added with the knowledge file of 2026-11-30, end to end through the gateway
// form: the Cognito UPDATED issuer (R16, C1), the REST API JWT authorizer (J1) and a Lambda
// authorizer on an HTTP API (C6, L6, L7). Tokens are signed with the committed test keys and
// verified against the loopback key server, so every verdict below rests on a real signature.
import { expect, test } from './support/fixtures.mjs';
import { ALGS, claims, signJwt } from './support/jose.mjs';
import { expectNoPageErrors, expectNoTokenLeak } from './support/leaks.mjs';

const REGION = 'eu-west-1';
const POOL = `${REGION}_AbC123def`;
const CLIENT = '1example23456789abcdefghij';
const ORIGINAL = `https://cognito-idp.${REGION}.amazonaws.com/${POOL}`;
const UPDATED = `https://issuer-cognito-idp.${REGION}.amazonaws.com/${POOL}`;

const signed = [];
/** A Cognito-shaped RS256 token from the UPDATED issuer, signed with the rs256 test key. */
function cognitoToken(use, extra = {}) {
  const base =
    use === 'id'
      ? { token_use: 'id', aud: CLIENT, 'cognito:username': 'alice' }
      : { token_use: 'access', client_id: CLIENT, username: 'alice', scope: 'openid profile' };
  const payload = claims(UPDATED, { ...base, ...extra });
  if (use !== 'id') delete payload.aud;
  const token = signJwt(ALGS.rs256, payload);
  signed.push(token);
  return token;
}

test.beforeEach(async ({ app }) => {
  await app.open();
});

test.afterEach(async ({ requests, pageErrors, keyServer }) => {
  await expectNoTokenLeak(requests, [signed]);
  await expectNoTokenLeak(await keyServer.requests({ everyone: true }), [signed]);
  expectNoPageErrors(pageErrors);
});

/** Pastes `token`, fetches the rs256 key set and waits for a valid signature. */
async function pasteVerified(app, keyServer, token) {
  await app.pasteToken(token);
  await app.fetchJwks(keyServer.jwksUrl('rs256'));
  await app.expectFetchOk();
  await app.expectVerdict('valid', { kid: ALGS.rs256.kid });
}

test('a token from the Cognito UPDATED issuer is a user-pool token: the REST Cognito authorizer cannot tell, HTTP API needs that exact issuer', async ({ app, keyServer }) => {
  await pasteVerified(app, keyServer, cognitoToken('id'));

  // R16/C1: never "not a user pool", never a certain 401 — AWS does not document it.
  await expect(app.profile('rest-cognito')).toHaveAttribute('data-verdict', 'cannot-tell');
  await expect(app.profileFinding('rest-cognito', 'rest_updated_issuer_undocumented')).toHaveCount(1);
  await expect(app.profileFinding('rest-cognito', 'rest_not_a_user_pool_token')).toHaveCount(0);

  // H4: the HTTP API issuer must be the exact string, so the ORIGINAL form of the same pool fails …
  await app.configure('cfg-http-issuer', ORIGINAL);
  await app.configure('cfg-http-audiences', CLIENT);
  await app.expectRejects('http-jwt', 401, 'http_issuer_mismatch');
  await expect(app.profileFinding('http-jwt', 'http_issuer_mismatch')).toContainText('issuer-cognito-idp');

  // … and the UPDATED form passes.
  await app.configure('cfg-http-issuer', UPDATED);
  await app.expectAccepts('http-jwt');
});

test('the REST API JWT authorizer answers a scope miss with 403, unlike the Cognito authorizer', async ({ app, keyServer }) => {
  await pasteVerified(app, keyServer, cognitoToken('access'));
  await expect(app.profile('rest-jwt')).toBeAttached();

  await app.configure('cfg-restjwt-issuer', UPDATED);
  await app.configure('cfg-restjwt-audiences', CLIENT);
  await app.configure('cfg-restjwt-scopes', 'orders/read');
  // J1(a): documented 403 Forbidden for a valid token without any method scope.
  await app.expectRejects('rest-jwt', 403, 'rest_jwt_no_method_scope_in_token');
  await expect(app.profileFinding('rest-jwt', 'rest_jwt_no_method_scope_in_token')).toContainText('orders/read');

  // A scope the token carries: accepted.
  await app.configure('cfg-restjwt-scopes', 'profile');
  await app.expectAccepts('rest-jwt');
});

test('a Lambda authorizer built on aws-jwt-verify answers 403 on an HTTP API and 401 on a REST API for the same token', async ({ app, keyServer }) => {
  await pasteVerified(app, keyServer, cognitoToken('id'));
  await app.configure('cfg-lambda-pool', POOL);
  await app.configure('cfg-lambda-clients', CLIENT);
  await app.configure('cfg-lambda-token-use', 'access');

  // The ID token is not the token use the verifier expects: CognitoJwtInvalidTokenUseError.
  await app.configure('cfg-lambda-api', 'http');
  await app.expectRejects('lambda-ajv', 403, 'ajv_invalid_token_use');
  await app.configure('cfg-lambda-api', 'rest');
  await app.expectRejects('lambda-ajv', 401, 'ajv_invalid_token_use');

  // With the token use it expects, the same verifier accepts it (both issuer forms registered).
  await app.configure('cfg-lambda-token-use', 'id');
  await app.expectAccepts('lambda-ajv');
});

// H6 at the second: the page judges a token at the time it shows, not at the last multiple of
// five seconds before it. A token minted this second (iat = nbf = now, as an IdP's fresh token
// is) was shown as "401 · issued in the future" for up to 4 s, and one that expired a second ago
// as accepted. The page's clock is fixed 3.2 s past a multiple of five.
test('a token is judged at the second the page shows, so a fresh token is not "issued in the future"', async ({ page, app, keyServer }) => {
  const now = 1798761603; // 2027-01-01T00:00:03Z; 1798761600 is a multiple of five
  await page.clock.setFixedTime(now * 1000 + 200);
  await app.open();
  await pasteVerified(app, keyServer, cognitoToken('id', { iat: now, nbf: now, auth_time: now, exp: now + 3600 }));
  await app.configure('cfg-http-issuer', UPDATED);
  await app.configure('cfg-http-audiences', CLIENT);
  await app.expectAccepts('http-jwt');
  await expect(app.profileFinding('http-jwt', 'http_issued_in_future')).toHaveCount(0);

  // Expired two seconds ago: rejected now, not three seconds from now.
  await pasteVerified(app, keyServer, cognitoToken('id', { iat: now - 3600, auth_time: now - 3600, exp: now - 2 }));
  await app.expectRejects('http-jwt', 401, 'http_expired');
});

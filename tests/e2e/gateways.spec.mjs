// Gateway profiles: what API Gateway (REST + Cognito authorizer, its console test, HTTP API JWT
// authorizer), an aws-jwt-verify Lambda authorizer and a generic OIDC server would do with the
// selected token, and which of several tokens to send. Knowledge: shared/knowledge/gateways.md
// §1 (R1, R2, R5), §2 (H2, H5).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { DEMO_RESPONSE_FILE, e2eEnv, REPO } from './support/env.mjs';
import { expect, test } from './support/fixtures.mjs';
import { ALGS, claims, signJwt } from './support/jose.mjs';
import { expectNoPageErrors, expectNoTokenLeak } from './support/leaks.mjs';

const PROFILES = ['rest-cognito', 'rest-test-authorizer', 'rest-jwt', 'http-jwt', 'lambda-ajv', 'oidc'];
const SDK_SCOPE = 'aws.cognito.signin.user.admin';

const cognito = () => e2eEnv.cognito;
const result = () => cognito().response.AuthenticationResult;
const motoPaste = () => JSON.stringify(cognito().response, null, 2); // as the AWS CLI prints it
const stringsOf = (o) => Object.values(o).filter((v) => typeof v === 'string');

const demoText = readFileSync(DEMO_RESPONSE_FILE, 'utf8');
const demo = JSON.parse(demoText).AuthenticationResult;
const demoJwks = readFileSync(path.join(REPO, 'static', 'demo', 'jwks.json'), 'utf8');
const DEMO_EXP = 1768471200; // 2026-01-15T10:00:00Z, both demo JWTs

const es256Tokens = [];
const tokensOf = () => [stringsOf(result()), stringsOf(demo), es256Tokens];

test.beforeEach(async ({ app }) => {
  await app.open();
});

test.afterEach(async ({ requests, pageErrors, keyServer }) => {
  await expectNoTokenLeak(requests, tokensOf());
  await expectNoTokenLeak(await keyServer.requests({ everyone: true }), tokensOf());
  expectNoPageErrors(pageErrors);
});

/** Pastes the emulator's AuthenticationResult and fetches the emulator's JWKS. */
async function pasteMotoWithKeys(app) {
  await app.paste(motoPaste());
  await app.select('IdToken');
  await app.fetchJwks(cognito().jwks_url);
  await app.expectFetchOk();
  await app.expectVerdict('valid');
}

test('the classic case: on a REST method without scopes the emulator\'s access token gets 401 and the ID token is the one to send', async ({ app }) => {
  await pasteMotoWithKeys(app);
  await expect(app.diagnosis).toBeVisible();
  await expect(app.cfg('cfg-rest-scopes')).toHaveValue('');

  // No method scopes (R1): the ID token passes …
  await app.expectAccepts('rest-cognito');
  await app.expectSend('rest-cognito', 'IdToken');
  await expect(app.choice('rest-cognito')).toContainText('AccessToken');

  // … and the access token gets 401, with a fix and a source.
  await app.select('AccessToken');
  await app.expectRejects('rest-cognito', 401, 'rest_access_token_on_method_without_scopes');
  const finding = app.profileFinding('rest-cognito', 'rest_access_token_on_method_without_scopes');
  await expect(finding).toContainText(/ID token/);
  await expect(finding).toContainText(SDK_SCOPE);
  await expect(finding.locator('a[href^="https://"]').first()).toBeAttached();
  await expect(app.profile('rest-cognito')).toContainText('401');
});

test('an unanswered scopes question is assumed "no" and said so, until "No" is clicked', async ({ app, page }) => {
  await pasteMotoWithKeys(app);
  await app.chooseGateway('rest-cognito');
  const question = page.locator('.question[data-field="cfg-rest-scopes"]');
  // Not answered: neither radio is checked, and the answer names the assumption.
  await expect(question.locator('input[value="no"]')).not.toBeChecked();
  await expect(question.locator('input[value="yes"]')).not.toBeChecked();
  await expect(app.choice('rest-cognito')).toContainText('the method has no OAuth scopes');
  await app.expectSend('rest-cognito', 'IdToken');
  // Answered "No": the same token to send, nothing assumed of the scopes any more.
  await app.answerQuestion('cfg-rest-scopes', '');
  await expect(question.locator('input[value="no"]')).toBeChecked();
  await expect(app.choice('rest-cognito')).not.toContainText('the method has no OAuth scopes');
  await app.expectSend('rest-cognito', 'IdToken');
});

test('"Yes" with no scope named, before typing or after deleting it, is not read as "No": the page says what it assumes', async ({ app, page }) => {
  await pasteMotoWithKeys(app);
  await app.chooseGateway('rest-cognito');
  await app.select('AccessToken');
  const question = page.locator('.question[data-field="cfg-rest-scopes"]');
  const yes = question.locator('input[value="yes"]');
  // Answered "No": the access token's 401 is stated, nothing assumed.
  await app.answerQuestion('cfg-rest-scopes', '');
  await app.expectRejects('rest-cognito', 401, 'rest_access_token_on_method_without_scopes');
  await expect(app.choice('rest-cognito')).not.toContainText('the method has no OAuth scopes');
  // "Yes", nothing named yet: not "No" any more; the answer names its assumption again, and
  // the question says it assumes none until one is named.
  const pending = question.locator('[data-testid="question-pending"]');
  await yes.check();
  await expect(yes).toBeChecked();
  await expect(app.choice('rest-cognito')).toContainText('the method has no OAuth scopes');
  await expect(pending).toContainText('assumes none');
  // A scope the token carries: accepted.
  await page.locator('#q-cfg-rest-scopes').fill(SDK_SCOPE);
  await app.expectAccepts('rest-cognito');
  await expect(pending).toHaveCount(0);
  // Deleted again: still "Yes", and still an assumption, not the method's answer.
  await page.locator('#q-cfg-rest-scopes').fill('');
  await expect(yes).toBeChecked();
  await expect(page.locator('#q-cfg-rest-scopes')).toBeEnabled();
  await expect(app.choice('rest-cognito')).toContainText('the method has no OAuth scopes');
  await expect(pending).toBeVisible();
  // The full form below cleared to none: the chooser shows "No", as the answer reads it
  // (review round 11: "Yes" stayed checked above an answer that had settled on none).
  await app.configure('cfg-rest-scopes', 'x');
  await app.configure('cfg-rest-scopes', '');
  await expect(question.locator('input[value="no"]')).toBeChecked();
  await expect(yes).not.toBeChecked();
  await expect(pending).toHaveCount(0);
  await app.expectRejects('rest-cognito', 401, 'rest_access_token_on_method_without_scopes');
});

test('each gateway\'s scopes question keeps its own answer when the gateway changes', async ({ app, page }) => {
  await pasteMotoWithKeys(app);
  const radio = (field, value) => page.locator(`.question[data-field="${field}"] input[value="${value}"]`);
  await app.chooseGateway('http-jwt');
  await app.answerQuestion('cfg-http-scopes', '');
  await expect(radio('cfg-http-scopes', 'no')).toBeChecked();
  // Another gateway's "Yes", nothing named …
  await app.chooseGateway('rest-jwt');
  await radio('cfg-restjwt-scopes', 'yes').check();
  await expect(radio('cfg-restjwt-scopes', 'yes')).toBeChecked();
  // … is not carried over to the HTTP API's question, still answered "No".
  await app.chooseGateway('http-jwt');
  await expect(radio('cfg-http-scopes', 'no')).toBeChecked();
  await expect(radio('cfg-http-scopes', 'yes')).not.toBeChecked();
});

test('the classic case reversed: with a method scope the access token carries, the access token passes and the ID token gets 401', async ({ app }) => {
  await pasteMotoWithKeys(app);
  await app.configure('cfg-rest-scopes', SDK_SCOPE);

  // With a method scope (R2) the roles swap, as soon as the field changes.
  await app.expectRejects('rest-cognito', 401, 'rest_id_token_on_method_with_scopes');
  await app.expectSend('rest-cognito', 'AccessToken');
  await expect(app.choice('rest-cognito')).toContainText('IdToken');

  await app.select('AccessToken');
  await app.expectAccepts('rest-cognito');

  // A scope the token does not carry: 401, not 403 (R3).
  await app.configure('cfg-rest-scopes', 'orders/read, orders/write');
  await app.expectRejects('rest-cognito', 401, 'rest_no_method_scope_in_token');
  await app.expectSend('rest-cognito', '');
});

test('the console test authorizer rejects the access token even where the deployed method accepts it', async ({ app }) => {
  await pasteMotoWithKeys(app);
  await app.configure('cfg-rest-scopes', SDK_SCOPE);
  await app.select('AccessToken');
  await app.expectAccepts('rest-cognito');
  await app.expectRejects('rest-test-authorizer', 401, 'test_authorizer_access_token');
});

test('with nothing configured each profile judges the demo tokens from the tokens alone', async ({ app }) => {
  await app.paste(demoText);
  await app.select('IdToken');
  await expect(app.diagnosis).toBeVisible();
  await expect.soft(app.leeway, 'leeway defaults to 0').toHaveValue('0');
  for (const name of PROFILES) {
    await expect(app.profile(name)).toHaveAttribute('data-verdict', /^(accept|reject|cannot-tell)$/);
  }
  await expect(app.profileRows).toHaveCount(PROFILES.length);

  // The demo tokens expired on 2026-01-15: a claims finding, and REST answers 401 (R7).
  await app.expectClaim('exp', String(DEMO_EXP));
  await expect(app.stageFinding('claims', 'token_expired')).toHaveCount(1);
  await app.expectRejects('rest-cognito', 401, 'rest_expired');

  // Without the issuer's keys nobody can say the signature would pass.
  const leeway = Math.ceil(Date.now() / 1000) - DEMO_EXP + 7 * 86400;
  await app.setLeeway(leeway);
  await expect(app.stageFinding('claims', 'token_expired')).toHaveCount(0);
  await expect(app.profile('rest-cognito')).toHaveAttribute('data-verdict', 'cannot-tell');
  await expect(app.profileFinding('rest-cognito', 'rest_signature_unchecked')).toHaveCount(1);

  await app.pasteKeys(demoJwks);
  await app.expectVerdict('valid');
  // Valid but for a leeway API Gateway does not document (H6, G12): not "accepted", and the
  // ID token is still the one to send.
  for (const name of ['rest-cognito', 'rest-test-authorizer']) {
    await expect(app.profile(name)).toHaveAttribute('data-verdict', 'cannot-tell');
    await expect(app.profileFinding(name, 'rest_only_within_leeway')).toHaveCount(1);
  }
  await app.expectSend('rest-cognito', 'IdToken');

  await app.select('AccessToken');
  await app.expectVerdict('valid');
  await app.expectRejects('rest-cognito', 401, 'rest_access_token_on_method_without_scopes');
  await expect(app.profile('rest-cognito')).toContainText(/aws\.cognito\.signin\.user\.admin|ID token/);
});

test('the REST pool field takes a user pool ARN, shows the pool id it read, and judges the issuer by it', async ({ app }) => {
  const { pool_id: poolId, region } = cognito();
  await pasteMotoWithKeys(app);

  await app.configure('cfg-rest-pools', `arn:aws:cognito-idp:${region}:123456789012:userpool/${poolId}`);
  await expect(app.cfgNote('cfg-rest-pools')).toContainText(poolId);
  await app.expectAccepts('rest-cognito');

  // A token from another pool is 401 (R5).
  const other = `${region}_SomeOtherPool`;
  await app.configure('cfg-rest-pools', `arn:aws:cognito-idp:${region}:123456789012:userpool/${other}`);
  await expect(app.cfgNote('cfg-rest-pools')).toContainText(other);
  await app.expectRejects('rest-cognito', 401, 'rest_pool_not_configured');
});

test('an HTTP API with the app client id as audience accepts the ID token by aud and the access token by client_id', async ({ app }) => {
  const { client_id: clientId, issuer } = cognito();
  await pasteMotoWithKeys(app);
  await app.configure('cfg-http-issuer', issuer);
  await app.configure('cfg-http-audiences', clientId);

  await app.expectAccepts('http-jwt');
  await app.select('AccessToken');
  await app.expectAccepts('http-jwt');
  await app.expectSend('http-jwt', 'AccessToken');

  // Another audience: both are 401 (H5), and the answer follows the field.
  await app.configure('cfg-http-audiences', 'someotherclientid0000000000');
  await app.expectRejects('http-jwt', 401, 'http_audience_mismatch');
  await app.select('IdToken');
  await app.expectRejects('http-jwt', 401, 'http_audience_mismatch');
  await app.expectSend('http-jwt', '');
});

test('an ES256 token that verifies is still rejected by the HTTP API JWT authorizer, which takes RSA only', async ({ app, keyServer }) => {
  const token = signJwt(ALGS.es256, claims(keyServer.issuer('es256')));
  es256Tokens.push(token);
  await app.pasteToken(token);
  await app.fetchJwks(keyServer.jwksUrl('es256'));
  await app.expectFetchOk();
  await app.expectVerdict('valid', { kid: ALGS.es256.kid });

  await app.expectRejects('http-jwt', 401, 'http_alg_not_rsa');
  await expect(app.profileFinding('http-jwt', 'http_alg_not_rsa')).toContainText('ES256');
  await app.expectAccepts('oidc');
});

test('the demo\'s "REST + Cognito" stays for a user pool\'s tokens only; another issuer\'s token shows every gateway', async ({ app }) => {
  await expect(app.gatewayChoice).toHaveValue('rest-cognito');
  const auth0 = signJwt(ALGS.rs256, claims('https://tenant.eu.auth0.com/'));
  es256Tokens.push(auth0);
  await app.pasteToken(auth0);
  // Not "Rejected 401 — not a Cognito user pool" where the user looks first.
  await expect(app.gatewayChoice).toHaveValue('all');
  await expect(app.matrix).toContainText("not a user pool's token");
  await expect(app.matrix).not.toContainText('another user pool');

  // A Cognito user pool's tokens keep the demo's choice…
  await app.paste(motoPaste());
  await expect(app.gatewayChoice).toHaveValue('rest-cognito');

  // …and a gateway chosen by hand stays, whatever is pasted next.
  await app.chooseGateway('rest-cognito');
  await app.pasteToken(auth0);
  await expect(app.gatewayChoice).toHaveValue('rest-cognito');
});

// The gateway's answer, pasted as the user saw it (a body, a header, a console line, a whole
// `curl -v`), read into causes — including the answers that say nothing about the token.
// Exact strings: shared/knowledge/gateways.md §9 (and §1 R13/R14, §2 H5/H9, §3 L4/L5).
import { e2eEnv } from './support/env.mjs';
import { expect, test } from './support/fixtures.mjs';
import { expectNoPageErrors, expectNoTokenLeak } from './support/leaks.mjs';

const NOT_A_TOKEN_PROBLEM = /not a token problem/i;
const ARN = 'arn:aws:execute-api:eu-west-1:123456789012:a1b2c3d4e5/prod/GET/items';
const API = 'https://a1b2c3d4e5.execute-api.eu-west-1.amazonaws.com';

const result = () => e2eEnv.cognito.response.AuthenticationResult;
const idToken = () => result().IdToken;
const tokensOf = () => Object.values(result()).filter((v) => typeof v === 'string');

/** name, answer as pasted (read when the test runs: it holds the emulator's token), status read (or null), finding code, whether it is a token problem. */
const ANSWERS = [
  {
    name: 'Missing Authentication Token',
    text: () => '{"message":"Missing Authentication Token"}',
    status: null,
    code: 'resp_missing_authentication_token',
    tokenProblem: false,
  },
  {
    name: "SigV4 parser on a bare token: Authorization header requires 'Credential' parameter",
    text: () =>
      `403 {"message":"Authorization header requires 'Credential' parameter. Authorization header requires 'Signature' parameter. ` +
      `Authorization header requires 'SignedHeaders' parameter. Authorization header requires existence of either a 'X-Amz-Date' ` +
      `or a 'Date' header. Authorization=${idToken()}"}`,
    status: 403,
    code: 'resp_sigv4_bare_token',
    tokenProblem: false,
  },
  {
    name: 'SigV4 parser on a Bearer token: not a valid key=value pair (missing equal-sign)',
    text: () => `{"message":"'${idToken()}' not a valid key=value pair (missing equal-sign) in Authorization header: 'Bearer ${idToken()}'."}`,
    status: null,
    code: 'resp_sigv4_parsed_bearer',
    tokenProblem: false,
  },
  {
    name: 'resource policy: User: anonymous is not authorized to perform: execute-api:Invoke',
    text: () => `HTTP/2 403\n\n{"Message":"User: anonymous is not authorized to perform: execute-api:Invoke on resource: ${ARN}"}`,
    status: 403,
    code: 'resp_resource_policy_denies',
    tokenProblem: false,
  },
  {
    name: 'Lambda authorizer: User is not authorized to access this resource with an explicit deny',
    text: () => '{"message":"User is not authorized to access this resource with an explicit deny"}',
    status: null,
    code: 'resp_lambda_explicit_deny',
    tokenProblem: false,
  },
  {
    name: 'Lambda authorizer cache trap: User is not authorized to access this resource',
    text: () => '403 {"message":"User is not authorized to access this resource"}',
    status: 403,
    code: 'resp_implicit_deny',
    tokenProblem: false,
    // C12: hedged; a Lambda authorizer's policy may follow the token's claims.
    likely: true,
  },
  {
    name: 'The incoming token has expired',
    text: () => '401 {"message":"The incoming token has expired"}',
    status: 401,
    code: 'resp_token_expired',
    tokenProblem: true,
    likely: true,
  },
  {
    name: 'HTTP API www-authenticate: the token does not have a valid audience',
    text: () => 'www-authenticate: Bearer scope="" error="invalid_token" error_description="the token does not have a valid audience"',
    status: null,
    code: 'resp_invalid_audience',
    tokenProblem: true,
  },
  {
    name: 'browser console: TypeError: Failed to fetch',
    text: () => 'Uncaught (in promise) TypeError: Failed to fetch\n    at callApi (app.js:42:11)',
    status: null,
    code: 'resp_cors_hides_status',
    tokenProblem: false,
  },
  {
    name: 'DevTools network tab: CORS error',
    text: () => `items\t(failed) CORS error\tfetch\tapp.js:42`,
    status: null,
    code: 'resp_cors_hides_status',
    tokenProblem: false,
  },
  {
    name: 'a whole curl -v transcript of an HTTP API audience rejection',
    text: () => [
      `*   Trying 203.0.113.10:443...`,
      `* Connected to a1b2c3d4e5.execute-api.eu-west-1.amazonaws.com (203.0.113.10) port 443`,
      `> GET /items HTTP/2`,
      `> Host: a1b2c3d4e5.execute-api.eu-west-1.amazonaws.com`,
      `> User-Agent: curl/8.5.0`,
      `> Accept: */*`,
      `> Authorization: Bearer ${idToken()}`,
      `>`,
      `< HTTP/2 401`,
      `< date: Tue, 24 Nov 2026 03:00:00 GMT`,
      `< content-type: application/json`,
      `< content-length: 26`,
      `< www-authenticate: Bearer scope="" error="invalid_token" error_description="the token does not have a valid audience"`,
      `< apigw-requestid: Xq1bGi2VoAMEbQw=`,
      `<`,
      `* Connection #0 to host a1b2c3d4e5.execute-api.eu-west-1.amazonaws.com left intact`,
      `{"message":"Unauthorized"}`,
    ].join('\n'),
    status: 401,
    code: 'resp_invalid_audience',
    tokenProblem: true,
  },
  {
    name: 'a whole curl -v transcript of the SigV4 parser reading a Bearer token (wrong URL)',
    text: () => [
      `* Connected to a1b2c3d4e5.execute-api.eu-west-1.amazonaws.com (203.0.113.10) port 443`,
      `> POST /prod/orderz HTTP/1.1`,
      `> Host: a1b2c3d4e5.execute-api.eu-west-1.amazonaws.com`,
      `> Authorization: Bearer ${idToken()}`,
      `> Content-Type: application/json`,
      `>`,
      `< HTTP/1.1 403 Forbidden`,
      `< Content-Type: application/json`,
      `< x-amzn-ErrorType: IncompleteSignatureException`,
      `<`,
      `{"message":"'${idToken()}' not a valid key=value pair (missing equal-sign) in Authorization header: 'Bearer ${idToken()}'."}`,
    ].join('\n'),
    status: 403,
    code: 'resp_sigv4_parsed_bearer',
    tokenProblem: false,
  },
];

test.beforeEach(async ({ app }) => {
  await app.open();
  await app.pasteToken(idToken());
  await expect(app.diagnosis).toBeVisible();
  // The page fetches a Cognito issuer's keys by itself once the presets file has answered
  // (fetch_policy); let that request settle first, so that the requests a test counts after
  // pasting an answer are its own (it once landed after the count began: a flaky failure).
  await expect(app.fetchStatus).toHaveAttribute('data-state', /^(ok|error)$/);
});

test.afterEach(async ({ requests, pageErrors }) => {
  await expectNoTokenLeak(requests, tokensOf());
  expectNoPageErrors(pageErrors);
});

test('the gateway answer field is empty at first and shows no causes', async ({ app }) => {
  await expect(app.gatewayResponse).toHaveValue('');
  await expect(app.responseFindings).toHaveCount(0);
});

for (const answer of ANSWERS) {
  test(`gateway answer — ${answer.name} → ${answer.code}`, async ({ app, requests }) => {
    const before = requests.length;
    await app.pasteResponse(answer.text());
    const item = app.responseFinding(answer.code);
    await expect(item).toHaveCount(1);
    await expect(item).toBeVisible();
    if (answer.tokenProblem) {
      await expect(item).not.toContainText(NOT_A_TOKEN_PROBLEM);
    } else {
      await expect(item).toContainText(NOT_A_TOKEN_PROBLEM);
      await expect(app.responseFindings.filter({ hasText: NOT_A_TOKEN_PROBLEM }).first()).toBeVisible();
    }
    if (answer.likely) await expect(item).toContainText(/likely/i);
    if (answer.status) await expect(app.responseStatus).toContainText(String(answer.status));
    expect(requests.slice(before).map((r) => r.url), 'reading an answer fetches nothing').toEqual([]);
  });
}

test('the gateway answer is read again as it is edited, and cleared with the field', async ({ app }) => {
  await app.pasteResponse('{"message":"Missing Authentication Token"}');
  await expect(app.responseFinding('resp_missing_authentication_token')).toHaveCount(1);
  await app.pasteResponse('401 {"message":"The incoming token has expired"}');
  await expect(app.responseFinding('resp_token_expired')).toHaveCount(1);
  await expect(app.responseFinding('resp_missing_authentication_token')).toHaveCount(0);
  await expect(app.responseStatus).toContainText('401');
  await app.pasteResponse('');
  await expect(app.responseFindings).toHaveCount(0);
});

test(`a plain 401 Unauthorized from ${API} is a token problem the gateway rows explain`, async ({ app }) => {
  await app.pasteResponse('HTTP/2 401\ncontent-type: application/json\n\n{"message":"Unauthorized"}');
  const item = app.responseFinding('resp_unauthorized');
  await expect(item).toHaveCount(1);
  await expect(item).not.toContainText(NOT_A_TOKEN_PROBLEM);
  await expect(app.responseStatus).toContainText('401');
  // The rows accept this token: the advice lists the settings they assumed (§1 quick lookup).
  await expect(item).toContainText(/user pool.*OAuth scopes.*redeployed/s);
});

test('a plain 401 with the HTTP API chosen names its authorizer\'s deployed setup, not a user pool', async ({ app }) => {
  await app.chooseGateway('http-jwt');
  await app.pasteResponse('HTTP/2 401\ncontent-type: application/json\n\n{"message":"Unauthorized"}');
  const item = app.responseFinding('resp_unauthorized');
  await expect(item).toHaveCount(1);
  // H4/H5/§9: issuer, audience list, identity source; the Cognito checklist does not apply.
  await expect(item).toContainText(/issuer.*audience list.*identity source/s);
  await expect(item).toContainText('www-authenticate');
  await expect(item).not.toContainText('user pool');
});

test("the HTTP API's own audience answer turns its row into a rejection, in the answer card and the gateway details", async ({ app }) => {
  // H5 / H9 / §9: with no audience list typed, the row would say "accepted if the list contains
  // it"; the gateway's answer says its deployed list does not.
  await app.chooseGateway('http-jwt');
  await app.pasteToken(idToken());
  await app.pasteResponse(
    'HTTP/2 401\nwww-authenticate: Bearer scope="" error="invalid_token" error_description="the token does not have a valid audience"\n\n{"message":"Unauthorized"}',
  );
  const line = app.answerLine('http-jwt');
  await expect(line).toHaveAttribute('data-tone', 'bad');
  await expect(line.locator('[data-testid="headline"]')).toContainText('Rejected 401');
  await expect(line.locator('li[data-code="http_audience_refused"]')).toHaveCount(1);
  await app.expectRejects('http-jwt', 401, 'http_audience_refused');
});

test('a 403 from another layer leads the answer card, above the chosen gateway\'s verdict on the token', async ({ app }) => {
  // §1b / §9: the Cognito authorizer answers token problems with 401, so a bare 403 came from an
  // API key, WAF or the like; it stops the request whatever the line says of the access token
  // (R1: rejected on a method without scopes, assumed while unanswered).
  await app.chooseGateway('rest-cognito');
  await app.paste(`${result().AccessToken}\n\nHTTP/1.1 403 Forbidden\n\n{"message":"Forbidden"}`);
  await expect(app.answerLines.first()).toHaveAttribute('data-profile', 'response');
  await expect(app.answerLines.first().locator('[data-testid="headline"]')).toContainText(NOT_A_TOKEN_PROBLEM);
  await expect(app.answerLines.first()).toContainText('what the authorizer makes of the token itself');
  await expect(app.answerLines.nth(1)).toHaveAttribute('data-profile', 'rest-cognito');
  await expect(app.answerLines.nth(1)).toHaveAttribute('data-tone', 'bad');
  // Both lead, above the matrix; the chosen gateway's line is not among the other gateways.
  const leading = app.answer.locator('ol.answer-lines').first();
  await expect(leading.locator('li[data-profile="response"]')).toHaveCount(1);
  await expect(leading.locator('li[data-profile="rest-cognito"]')).toHaveClass(/\blead\b/);
});

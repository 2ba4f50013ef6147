// The gateway's answer with its `x-amzn-errortype` header: the header names the layer that
// answered before the body does (R21), so an API-key 403, a SigV4 problem, a wrong route, an
// authorizer's 500 on a Cognito method and a SAM preflight through the authorizer are each named,
// never mistaken for a token rejection.
// Rules: shared/knowledge/gateways.md §1b R21–R26, §1 R18/R20, §9, §12 C8–C10.
import { e2eEnv } from './support/env.mjs';
import { expect, test } from './support/fixtures.mjs';
import { expectNoPageErrors, expectNoTokenLeak } from './support/leaks.mjs';

const NOT_A_TOKEN_PROBLEM = /not a token problem/i;
const HOST = 'a1b2c3d4e5.execute-api.eu-west-1.amazonaws.com';

const result = () => e2eEnv.cognito.response.AuthenticationResult;
const idToken = () => result().IdToken;
// The token strings of the emulator's answer (not TokenType: 'Bearer' or ExpiresIn).
const tokensOf = () => Object.values(result()).filter((v) => typeof v === 'string' && v.length >= 24);

/** A `curl -v` transcript: the request (with the user's token), then the answer's lines. */
const curl = (method, path, answer) =>
  [
    `*   Trying 203.0.113.10:443...`,
    `* Connected to ${HOST} (203.0.113.10) port 443`,
    `> ${method} ${path} HTTP/1.1`,
    `> Host: ${HOST}`,
    `> Authorization: Bearer ${idToken()}`,
    `> Origin: http://localhost:3000`,
    `>`,
    ...answer.map((l) => (l.startsWith('{') ? l : `< ${l}`)),
  ].join('\n');

/**
 * name; answer as pasted (read when the test runs: some hold the emulator's token); the code
 * that must be listed; codes that must not be; the status read (or null); whether the finding
 * is a token problem; text the finding's fix must name (configuration identifiers, not prose).
 */
const ANSWERS = [
  {
    name: 'API key 403: ForbiddenException with body Forbidden',
    text: () =>
      curl('GET', '/prod/items', [
        'HTTP/1.1 403 Forbidden',
        'Content-Type: application/json',
        'x-amzn-ErrorType: ForbiddenException',
        '',
        '{"message":"Forbidden"}',
      ]),
    code: 'resp_api_key_rejected',
    absent: ['resp_forbidden', 'resp_unauthorized'],
    status: 403,
    tokenProblem: false,
  },
  {
    name: 'API key 403 with the errortype URL suffix AWS sometimes appends',
    text: () =>
      'HTTP/2 403\nx-amzn-errortype: ForbiddenException:http://internal.amazon.com/coral/com.amazon.coral.service/\n\n{"message":"Forbidden"}',
    code: 'resp_api_key_rejected',
    absent: ['resp_forbidden', 'resp_other_errortype'],
    status: 403,
    tokenProblem: false,
  },
  {
    name: 'the header before the body: MissingAuthenticationTokenException with body Forbidden',
    text: () =>
      'HTTP/1.1 403 Forbidden\nx-amzn-errortype: MissingAuthenticationTokenException\n\n{"message":"Forbidden"}',
    code: 'resp_missing_authentication_token',
    absent: ['resp_forbidden', 'resp_api_key_rejected'],
    status: 403,
    tokenProblem: false,
  },
  {
    name: 'SigV4: InvalidSignatureException, Signature expired',
    text: () =>
      'HTTP/1.1 403 Forbidden\nx-amzn-ErrorType: InvalidSignatureException\n\n' +
      '{"message":"Signature expired: 20261130T050000Z is now earlier than 20261130T051000Z (20261130T055500Z - 5 min.)"}',
    code: 'resp_sigv4_signature_expired',
    absent: ['resp_token_expired', 'resp_forbidden'],
    status: 403,
    tokenProblem: false,
  },
  {
    name: 'SigV4: AccessDeniedException, The security token included in the request is invalid',
    text: () =>
      'HTTP/1.1 403 Forbidden\nx-amzn-ErrorType: AccessDeniedException\n\n' +
      '{"message":"The security token included in the request is invalid."}',
    code: 'resp_sigv4_credentials',
    absent: ['resp_forbidden', 'resp_access_denied'],
    status: 403,
    tokenProblem: false,
  },
  {
    name: 'SigV4: IncompleteSignatureException over a Bearer header (curl -v)',
    text: () =>
      curl('POST', '/prod/orderz', [
        'HTTP/1.1 403 Forbidden',
        'x-amzn-ErrorType: IncompleteSignatureException',
        '',
        `{"message":"'${idToken()}' not a valid key=value pair (missing equal-sign) in Authorization header: 'Bearer ${idToken()}'."}`,
      ]),
    code: 'resp_sigv4_parsed_bearer',
    absent: ['resp_forbidden'],
    status: 403,
    tokenProblem: false,
  },
  {
    name: 'resource policy: AccessDeniedException, User: anonymous is not authorized … with an explicit deny',
    text: () =>
      'HTTP/2 403\nx-amzn-errortype: AccessDeniedException\n\n' +
      '{"Message":"User: anonymous is not authorized to perform: execute-api:Invoke on resource: arn:aws:execute-api:eu-west-1:123456789012:a1b2c3d4e5/prod/GET/items with an explicit deny"}',
    code: 'resp_resource_policy_denies',
    absent: ['resp_lambda_explicit_deny', 'resp_access_denied'],
    status: 403,
    tokenProblem: false,
  },
  {
    name: '500 on a Cognito method: AuthorizerConfigurationException is not a Lambda crash',
    text: () =>
      curl('GET', '/prod/items', [
        'HTTP/1.1 500 Internal Server Error',
        'x-amzn-ErrorType: AuthorizerConfigurationException',
        '',
        '{"message": null}',
      ]),
    code: 'resp_authorizer_configuration_error',
    absent: ['resp_lambda_authorizer_error', 'resp_authorizer_or_integration_error'],
    status: 500,
    tokenProblem: false,
  },
  {
    name: 'SAM preflight through the authorizer: OPTIONS answered 401 (curl -v)',
    text: () =>
      curl('OPTIONS', '/prod/items', [
        'HTTP/1.1 401 Unauthorized',
        'x-amzn-ErrorType: UnauthorizedException',
        '',
        '{"message":"Unauthorized"}',
      ]),
    code: 'resp_preflight_hits_authorizer',
    absent: ['resp_unauthorized'],
    status: 401,
    tokenProblem: false,
    fix: /AddDefaultAuthorizerToCorsPreflight/,
  },
  {
    name: "SAM preflight, as Chrome's console reports it",
    text: () =>
      `Access to fetch at 'https://${HOST}/prod/items' from origin 'http://localhost:3000' has been blocked by CORS policy: ` +
      `Response to preflight request doesn't pass access control check: It does not have HTTP ok status.`,
    code: 'resp_preflight_hits_authorizer',
    absent: ['resp_cors_hides_status', 'resp_unauthorized'],
    status: null,
    tokenProblem: false,
    fix: /AddApiKeyRequiredToCorsPreflight/,
  },
];

test.beforeEach(async ({ app }) => {
  await app.open();
  await app.pasteToken(idToken());
  await expect(app.diagnosis).toBeVisible();
});

test.afterEach(async ({ requests, pageErrors }) => {
  await expectNoTokenLeak(requests, tokensOf());
  expectNoPageErrors(pageErrors);
});

for (const answer of ANSWERS) {
  test(`x-amzn-errortype answer — ${answer.name} → ${answer.code}`, async ({ app, requests }) => {
    const before = requests.length;
    await app.pasteResponse(answer.text());
    const item = app.responseFinding(answer.code);
    await expect(item).toHaveCount(1);
    await expect(item).toBeVisible();
    for (const code of answer.absent) await expect(app.responseFinding(code)).toHaveCount(0);
    if (answer.tokenProblem) await expect(item).not.toContainText(NOT_A_TOKEN_PROBLEM);
    else await expect(item).toContainText(NOT_A_TOKEN_PROBLEM);
    if (answer.fix) await expect(item).toContainText(answer.fix);
    if (answer.status) await expect(app.responseStatus).toContainText(String(answer.status));
    for (const token of tokensOf()) {
      // The answer quotes the token (the request line, a SigV4 message); the page never shows it back.
      await expect(app.responseFindings.filter({ hasText: token.slice(0, 24) })).toHaveCount(0);
      await expect(app.responseStatus.filter({ hasText: token.slice(0, 24) })).toHaveCount(0);
    }
    expect(requests.slice(before).map((r) => r.url), 'reading an answer fetches nothing').toEqual([]);
  });
}

test('the same 403 body is named by its header: an API key with ForbiddenException, several layers without it', async ({ app }) => {
  await app.pasteResponse('HTTP/1.1 403 Forbidden\n\n{"message":"Forbidden"}');
  await expect(app.responseFinding('resp_forbidden')).toHaveCount(1);
  await expect(app.responseFinding('resp_api_key_rejected')).toHaveCount(0);
  await app.pasteResponse('HTTP/1.1 403 Forbidden\nx-amzn-errortype: ForbiddenException\n\n{"message":"Forbidden"}');
  await expect(app.responseFinding('resp_api_key_rejected')).toHaveCount(1);
  await expect(app.responseFinding('resp_forbidden')).toHaveCount(0);
});

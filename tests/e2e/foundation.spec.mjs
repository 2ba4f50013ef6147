// The foundation: paste anything that holds a token, see it decoded. Tokens come from
// support/tokens.mjs; the demo from static/demo/authentication-result.json.
import { readFileSync } from 'node:fs';
import { DEMO_RESPONSE_FILE } from './support/env.mjs';
import { expect, test } from './support/fixtures.mjs';
import { expectNoPageErrors, expectNoTokenLeak } from './support/leaks.mjs';
import {
  ALL_TOKENS,
  accessToken,
  describeJws,
  duplicateClaimToken,
  encryptedToken,
  futureExpToken,
  idToken,
  numbersToken,
  pastTimesToken,
  refreshJwe,
} from './support/tokens.mjs';

const demoText = readFileSync(DEMO_RESPONSE_FILE, 'utf8');
const demo = JSON.parse(demoText).AuthenticationResult;
const demoLabels = Object.keys(demo).filter((k) => /Token$/.test(k) && k !== 'TokenType');

test.afterEach(async ({ requests, pageErrors }) => {
  await expectNoTokenLeak(requests, [ALL_TOKENS, demo.IdToken, demo.AccessToken, demo.RefreshToken]);
  expectNoPageErrors(pageErrors);
});

test.beforeEach(async ({ app }) => {
  await app.open();
});

const t = idToken.token;
const thirds = [t.slice(0, 350), t.slice(350, 700), t.slice(700)];

/** Each way a single token gets pasted, and (where one is certain) the cleanup it reports. */
const singleTokenForms = [
  { name: 'a bare token', text: t, cleanup: null },
  { name: '"Bearer <token>"', text: `Bearer ${t}`, cleanup: /bearer/i },
  { name: '"bearer <token>" in lower case', text: `bearer ${t}`, cleanup: /bearer/i },
  { name: 'an "Authorization: Bearer <token>" line', text: `Authorization: Bearer ${t}`, cleanup: /bearer|authorization/i },
  { name: 'a token in double quotes with whitespace around', text: `  "${t}"  \n`, cleanup: /quot/i },
  { name: 'a token in single quotes with whitespace around', text: `\n'${t}'   `, cleanup: /quot/i },
  { name: 'a token in backticks with whitespace around', text: `\n  \`${t}\`  \n`, cleanup: /backtick|quot/i },
  {
    name: 'a token broken over three indented lines',
    text: `    ${thirds[0]}\n    ${thirds[1]}\n    ${thirds[2]}\n`,
    cleanup: /line|whitespace|space/i,
  },
  {
    name: 'a curl command with an Authorization header and line continuations',
    text:
      `curl -sS 'https://api.example.com/v1/orders?limit=10' \\\n` +
      `  -H 'Accept: application/json' \\\n` +
      `  -H 'Authorization: Bearer ${t}' \\\n` +
      `  --compressed\n`,
    cleanup: undefined, // how the page words a curl extraction is its own business
  },
];

for (const form of singleTokenForms) {
  test(`${form.name} is decoded into its claims`, async ({ app }) => {
    await app.paste(form.text);
    await expect(app.demoNote).toBeHidden();
    await expect(app.inputMessage).toBeHidden();
    await expect(app.candidates).toHaveCount(0);
    await app.expectJws(idToken);
    await expect(app.decodeProblems).toHaveCount(0);
    if (form.cleanup === null) await expect(app.cleanups).toHaveCount(0);
    if (form.cleanup) {
      await expect(app.cleanups.first()).toBeVisible();
      await expect(app.cleanups.filter({ hasText: form.cleanup }).first()).toBeVisible();
    }
  });
}

test('a Cognito AuthenticationResult offers exactly IdToken, AccessToken and RefreshToken, the refresh token as a JWE', async ({ app }) => {
  await app.paste(demoText);
  await expect(app.demoNote).toBeHidden();
  await app.expectCandidates(demoLabels);
  expect(demoLabels.slice().sort()).toEqual(['AccessToken', 'IdToken', 'RefreshToken']);

  await app.select('IdToken');
  await app.expectJws(describeJws(demo.IdToken));
  await app.expectClaim('token_use', '"id"');

  await app.select('AccessToken');
  await app.expectJws(describeJws(demo.AccessToken));
  await app.expectClaim('token_use', '"access"');
  await expect(app.claim('aud')).toHaveCount(0);

  await app.select('RefreshToken');
  await expect(app.tokenShape).toHaveText('JWE');
  await expect(app.jweNotice).toBeVisible();
  await app.expectExactText(app.headerJson, refreshJwe.headerPretty);
  await expect(app.headerRaw).toHaveText(demo.RefreshToken.split('.')[0]);
});

test('an OAuth token response offers id_token, access_token and refresh_token', async ({ app }) => {
  const response = {
    id_token: idToken.token,
    access_token: accessToken.token,
    refresh_token: refreshJwe.token,
    token_type: 'Bearer',
    expires_in: 3600,
  };
  await app.paste(JSON.stringify(response, null, 2));
  await app.expectCandidates(['id_token', 'access_token', 'refresh_token']);

  await app.select('id_token');
  await app.expectJws(idToken);
  await app.select('access_token');
  await app.expectJws(accessToken);
  await app.select('refresh_token');
  await expect(app.tokenShape).toHaveText('JWE');
  await expect(app.jweNotice).toBeVisible();
});

test('a redirect URL with tokens in its fragment offers each token parameter', async ({ app }) => {
  await app.paste(
    `https://app.example.com/callback#id_token=${idToken.token}&access_token=${accessToken.token}` +
      '&token_type=Bearer&expires_in=3600&state=af0ifjsldkj',
  );
  await app.expectCandidates(['id_token', 'access_token']);
  await app.select('access_token');
  await app.expectJws(accessToken);
  await app.select('id_token');
  await app.expectJws(idToken);
});

for (const text of ['hello world', '3f2b8c1e-8a4d-4c3b-9f5e-2a7d6c1b0e94']) {
  test(`pasting "${text}" says what was seen instead of a token, and the page keeps working`, async ({ app }) => {
    await app.paste(text);
    await expect(app.inputMessage).toBeVisible();
    await expect(app.inputMessage).not.toHaveText('');
    await expect(app.demoNote).toBeHidden();
    await expect(app.tokenShape).toBeHidden();
    await expect(app.claimRows).toHaveCount(0);

    await app.paste(idToken.token);
    await expect(app.inputMessage).toBeHidden();
    await app.expectJws(idToken);
  });
}

test('a paste with no token says what it is in the answer card too, where the user looks first', async ({ app, page }) => {
  await app.paste('Authorization: Basic YWxpY2U6czNjcmV0');
  const answer = page.locator('[data-testid="answer-empty"]');
  await expect(answer).toContainText('No token to judge');
  await expect(answer).toContainText('Basic');
  await expect(app.inputMessage).toContainText('Basic');
  await app.paste('');
  await expect(answer).not.toContainText('No token to judge');
});

test('a JWE (five parts) is recognised and its payload is said to be encrypted', async ({ app }) => {
  await app.paste(encryptedToken.token);
  await expect(app.tokenShape).toHaveText('JWE');
  await expect(app.jweNotice).toBeVisible();
  await app.expectExactText(app.headerJson, encryptedToken.headerPretty);
});

test('big integers and 3.0 are shown exactly as issued', async ({ app }) => {
  await app.paste(numbersToken.token);
  await app.expectJws(numbersToken);
  await expect(app.claimValue('big')).toHaveText('12345678901234567890123');
  await expect(app.claimValue('float')).toHaveText('3.0');
  await expect(app.payloadJson).toContainText('"big": 12345678901234567890123');
  await expect(app.payloadJson).toContainText('"float": 3.0');
});

test('time claims read as relative phrases with UTC and local times', async ({ app }) => {
  // The browser runs in Asia/Kolkata (UTC+05:30, see playwright.config.mjs): local times differ
  // visibly from UTC.
  await app.paste(pastTimesToken.token);
  await app.expectJws(pastTimesToken);
  const exp = app.claimTime('exp');
  await expect(exp).toContainText(/expired\b.*\bago\b/i);
  await expect(exp).toContainText('2020-01-01');
  await expect(exp).toContainText('00:00:00');
  await expect(exp).toContainText('UTC');
  await expect(exp).toContainText('05:30');
  const iat = app.claimTime('iat');
  await expect(iat).toContainText(/\bago\b/i);
  await expect(iat).toContainText('2019-12-31');
  await expect(iat).toContainText('23:00:00');
  await expect(iat).toContainText('UTC');
  await expect(iat).toContainText('04:30');
  for (const name of ['nbf', 'auth_time']) await expect(app.claimTime(name)).toContainText('UTC');

  await app.paste(futureExpToken.token);
  const future = app.claimTime('exp');
  await expect(future).toContainText(/expires in\b/i);
  await expect(future).toContainText('2100-01-01');
  await expect(future).toContainText('UTC');
});

test('a claim that appears twice is reported as a decode problem', async ({ app }) => {
  await app.paste(duplicateClaimToken.token);
  await expect(app.tokenShape).toHaveText('JWS');
  await expect(app.decodeProblems.filter({ hasText: /\bsub\b/ }).first()).toBeVisible();
});

// A paste enters the wasm through scripts/string-pass.mjs's encodeInto (over 448 characters) into
// a buffer of one byte a character; each extra UTF-8 byte of a multi-byte character makes it stop
// that many characters before the end, and the rest takes the fallback. Any byte lost or doubled on
// the way would move or break the token.
for (const [name, before, after] of [
  ['ASCII only (no fallback)', 'x'.repeat(60) + ' ', ''],
  ['multi-byte characters (the fallback starts inside the token)', 'Zoë 😀 日本語 ', ' — fin ✓'],
  ['1,500 accents (the whole token in the fallback)', 'é'.repeat(1500) + ' ', ' ü'],
]) {
  test(`a token among ${name} is found intact`, async ({ app }) => {
    await app.paste(`${before}${idToken.token}${after}`);
    await app.expectJws(idToken, { exact: false });
  });
}

test('typed text is kept exactly as typed', async ({ app }) => {
  const typed = '  Bearer  abc.def \n  not a token  ';
  await app.input.pressSequentially(typed);
  await expect(app.input).toHaveValue(typed);
  await app.input.press('End');
  await app.input.pressSequentially('x');
  await expect(app.input).toHaveValue(`${typed}x`);
});

test('on first load with nothing pasted, the demo AuthenticationResult is shown at its demo clock', async ({ app, page }) => {
  await expect(app.input).toHaveValue('');
  await expect(app.demoNote).toBeVisible();
  await app.expectCandidates(demoLabels);
  // Judged inside the demo tokens' hour, and labelled so.
  await expect(page.locator('[data-testid="demo-clock"]')).toContainText('2026-01-15 09:30:00 UTC');
  await app.select('IdToken');
  await app.expectJws(describeJws(demo.IdToken));
  await expect(app.claimTime('exp')).toContainText(/expires in\b/i);
  // One click judges it at the real time: the demo tokens expired on 2026-01-15.
  await page.locator('button[data-action="real-clock"]').click();
  await expect(app.claimTime('exp')).toContainText(/expired\b.*\bago\b/i);
  await app.select('RefreshToken');
  await expect(app.tokenShape).toHaveText('JWE');
  await expect(app.jweNotice).toBeVisible();
});

test.describe('copy buttons', () => {
  test.use({ permissions: ['clipboard-read', 'clipboard-write'] });

  test('copy the token, the header JSON and the payload JSON to the clipboard', async ({ app, page }) => {
    await app.paste(`Bearer ${idToken.token}`);
    await expect(app.tokenShape).toHaveText('JWS');
    const clipboard = () => page.evaluate(() => navigator.clipboard.readText());
    const asJson = async () => {
      try {
        return JSON.parse(await clipboard());
      } catch {
        return undefined;
      }
    };

    await app.copyButton('token').click();
    await expect.poll(clipboard).toBe(idToken.token);
    await app.copyButton('header').click();
    await expect.poll(asJson).toEqual(JSON.parse(Buffer.from(idToken.header, 'base64url').toString()));
    await app.copyButton('payload').click();
    await expect.poll(asJson).toEqual(JSON.parse(Buffer.from(idToken.payload, 'base64url').toString()));
  });
});

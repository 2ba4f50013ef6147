// The workbench (issue 9): the answer at a glance. After pasting the Cognito emulator's
// AuthenticationResult and saying where it goes, the words that say which token to send are in
// the first viewport, on a desktop and on a phone; the page is accessible (axe-core, 0
// violations, in every state), reachable by keyboard, never scrolls sideways, and loads cleanly.
import { createRequire } from 'node:module';
import { e2eEnv } from './support/env.mjs';
import { expect, test } from './support/fixtures.mjs';
import { expectNoPageErrors, expectNoTokenLeak } from './support/leaks.mjs';

const require = createRequire(import.meta.url);
const AXE = require.resolve('axe-core/axe.min.js');
const SDK_SCOPE = 'aws.cognito.signin.user.admin';

const cognito = () => e2eEnv.cognito;
const motoPaste = () => JSON.stringify(cognito().response, null, 2);
const tokensOf = () => Object.values(cognito().response.AuthenticationResult).filter((v) => typeof v === 'string');

test.afterEach(async ({ requests, pageErrors }) => {
  await expectNoTokenLeak(requests, tokensOf());
  expectNoPageErrors(pageErrors);
});

/** The element is entirely inside the viewport and the page has not scrolled. */
async function expectInFirstViewport(page, locator) {
  await expect(locator).toBeVisible();
  expect(await page.evaluate(() => window.scrollY), 'the page did not scroll').toBe(0);
  const box = await locator.boundingBox();
  const { width, height } = page.viewportSize();
  expect(box, 'it has a box').not.toBeNull();
  expect(box.y).toBeGreaterThanOrEqual(0);
  expect(box.x).toBeGreaterThanOrEqual(0);
  expect(box.y + box.height, `its bottom (${box.y + box.height}) is above the fold (${height})`).toBeLessThanOrEqual(height);
  expect(box.x + box.width).toBeLessThanOrEqual(width);
}

for (const viewport of [{ width: 1280, height: 800 }, { width: 390, height: 844 }]) {
  test.describe(`at ${viewport.width}×${viewport.height}`, () => {
    test.use({ viewport });

    test('REST API, Cognito authorizer, no scopes: "send the ID token" is in the first viewport', async ({ app, page }) => {
      await app.open();
      await app.paste(motoPaste());
      await app.chooseGateway('rest-cognito');
      await app.answerQuestion('cfg-rest-scopes', '');
      const lead = app.answerLine('rest-cognito').first();
      await expect(app.answerLines.first()).toHaveAttribute('data-profile', 'rest-cognito');
      await expect(lead).toHaveAttribute('data-send', /IdToken/);
      const headline = lead.locator('[data-testid="headline"]');
      await expect(headline).toContainText('Send the ID token');
      await expectInFirstViewport(page, headline);
      // The recommended token is the one shown decoded.
      await expect(app.candidate('IdToken')).toHaveAttribute('aria-pressed', 'true');
    });

    test('the access token pasted alone on a method without scopes: its fix, "send the ID token", is in the first viewport', async ({ app, page }) => {
      await app.open();
      await app.paste(cognito().response.AuthenticationResult.AccessToken);
      await app.chooseGateway('rest-cognito');
      await app.answerQuestion('cfg-rest-scopes', '');
      const lead = app.answerLine('rest-cognito').first();
      await expect(lead).toHaveAttribute('data-tone', 'bad');
      const fix = lead.locator('[data-testid="lead-fix"]');
      await expect(fix).toContainText('Send the ID token');
      await expectInFirstViewport(page, fix);
      // The other gateways keep their fixes in their findings.
      await expect(app.answerLines.locator('.other [data-testid="lead-fix"]')).toHaveCount(0);
    });

    test('with a method scope the access token carries: "send the access token" is in the first viewport', async ({ app, page }) => {
      await app.open();
      await app.paste(motoPaste());
      await app.chooseGateway('rest-cognito');
      await app.answerQuestion('cfg-rest-scopes', SDK_SCOPE);
      const lead = app.answerLine('rest-cognito').first();
      await expect(lead).toHaveAttribute('data-send', /AccessToken/);
      const headline = lead.locator('[data-testid="headline"]');
      await expect(headline).toContainText('Send the access token');
      await expectInFirstViewport(page, headline);
      await expect(app.candidate('AccessToken')).toHaveAttribute('aria-pressed', 'true');
      // The inline question and the full form are one state.
      await expect(app.cfg('cfg-rest-scopes')).toHaveValue(SDK_SCOPE);
    });
  });
}

test('a 401 pasted beside the ID token the chosen line accepts: no plain "accepted", and what to check is in the first viewport', async ({ app, page }) => {
  await app.open();
  const id = cognito().response.AuthenticationResult.IdToken;
  await app.paste(`$ curl -i -H "Authorization: ${id}" https://abc123.execute-api.eu-west-1.amazonaws.com/prod/orders\nHTTP/2 401\n\n{"message":"Unauthorized"}`);
  await app.fetchJwks(cognito().jwks_url);
  await app.expectFetchOk();
  await page.evaluate(() => window.scrollTo(0, 0));
  await app.chooseGateway('rest-cognito');
  await app.answerQuestion('cfg-rest-scopes', '');
  const lead = app.answerLines.first();
  await expect(lead).toHaveAttribute('data-profile', 'rest-cognito');
  await expect(lead).toHaveAttribute('data-tone', 'open');
  await expect(lead.locator('[data-testid="headline"]')).toContainText('yet the gateway said 401');
  // The matrix agrees: that token's cell under the chosen gateway is no plain "accepted".
  const sent = app.matrix.locator('tbody tr').first().locator('td[data-profile="rest-cognito"]');
  await expect(sent).toHaveAttribute('data-tone', 'open');
  await expect(sent).toContainText('401 pasted');
  const answer = app.answerLine('response');
  const fix = answer.locator('[data-testid="lead-fix"]');
  await expect(fix).toContainText('redeployed');
  await expectInFirstViewport(page, fix);
});

test('the matrix says, for every token found and every gateway, ✓ or ✗ with the status', async ({ app }) => {
  await app.open();
  await app.paste(motoPaste());
  await app.chooseGateway('all');
  await expect(app.matrix.locator('tbody tr')).toHaveCount(3);
  const access = app.matrix.locator('tbody tr').filter({ hasText: 'AccessToken' });
  await expect(access.locator('td[data-profile="rest-cognito"]')).toHaveAttribute('data-tone', 'bad');
  await expect(access.locator('td[data-profile="rest-cognito"]')).toContainText('401');
});

test('one pasted ID token: the matrix adds the other kind, an access token from the same sign-in', async ({ app }) => {
  await app.open();
  await app.paste(cognito().response.AuthenticationResult.IdToken);
  await app.fetchJwks(cognito().jwks_url);
  await app.chooseGateway('rest-cognito');
  await app.answerQuestion('cfg-rest-scopes', '');
  const rows = app.matrix.locator('tbody tr');
  await expect(rows).toHaveCount(2);
  const example = app.matrix.locator('tbody tr[data-example="true"]');
  await expect(example).toContainText('access token');
  await expect(example).toContainText('not pasted');
  // A method without scopes takes the ID token, not an access token (R1).
  await expect(rows.first().locator('td[data-profile="rest-cognito"]')).toHaveAttribute('data-tone', 'good');
  await expect(example.locator('td[data-profile="rest-cognito"]')).toHaveAttribute('data-tone', 'bad');
  await expect(example.locator('button')).toHaveCount(0);
  // With a method scope, the access token would pass if it carries it; the ID token would not.
  await app.answerQuestion('cfg-rest-scopes', SDK_SCOPE);
  await expect(example.locator('td[data-profile="rest-cognito"]')).toHaveAttribute('data-tone', 'good');
  await expect(example.locator('td[data-profile="rest-cognito"]')).toContainText(`if it carries ${SDK_SCOPE}`);
  await expect(rows.first().locator('td[data-profile="rest-cognito"]')).toHaveAttribute('data-tone', 'bad');
});

test('the paste box itself colours each segment where it was typed', async ({ app, page }) => {
  await app.open();
  const token = cognito().response.AuthenticationResult.IdToken;
  await app.paste(`Authorization: Bearer ${token}`);
  const marks = page.locator('[data-testid="paste-marks"] mark');
  await expect(marks).toHaveCount(3);
  const [header, payload, signature] = token.split('.');
  await expect(marks.nth(0)).toHaveClass(/seg-header/);
  await expect(marks.nth(0)).toHaveText(header);
  await expect(marks.nth(1)).toHaveClass(/seg-payload/);
  await expect(marks.nth(1)).toHaveText(payload);
  await expect(marks.nth(2)).toHaveClass(/seg-signature/);
  await expect(marks.nth(2)).toHaveText(signature);
  // The backdrop holds exactly the typed text, so the tints sit under the right characters.
  expect(await page.locator('[data-testid="paste-marks"]').textContent()).toBe(`Authorization: Bearer ${token} `);
  const tints = await marks.evaluateAll((ms) => ms.map((m) => getComputedStyle(m).backgroundColor));
  expect(new Set(tints).size, `three different tints: ${tints}`).toBe(3);
});

test('a gateway answer pasted alone is answered at the top, not called "no token"', async ({ app }) => {
  await app.open();
  await app.paste('HTTP/1.1 403 Forbidden\ncontent-type: application/json\n\n{"message":"Missing Authentication Token"}');
  await expect(app.inputMessage).toBeHidden();
  const line = app.answerLine('response');
  await expect(line).toBeVisible();
  await expect(line.locator('[data-testid="headline"]')).toContainText(/not a token problem/i);
  await expect(line.locator('li[data-code="resp_missing_authentication_token"]')).toHaveCount(1);
});

test('a gateway body quoting the token it was sent is answered at the top, even without a status line', async ({ app }) => {
  // The SigV4 parser's answer to "Authorization: Bearer <JWT>" (gateways.md §9): the body holds
  // the token twice, and it is the answer — the token is not the problem.
  const token = cognito().response.AuthenticationResult.IdToken;
  await app.open();
  await app.paste(`{"message":"'${token}' not a valid key=value pair (missing equal-sign) in Authorization header: 'Bearer ${token}'."}`);
  const line = app.answerLine('response');
  await expect(line).toBeVisible();
  await expect(line.locator('[data-testid="headline"]')).toContainText(/not a token problem/i);
  await expect(line.locator('li[data-code="resp_sigv4_parsed_bearer"]')).toHaveCount(1);
  // The token inside is still decoded beside it.
  await expect(app.payloadRaw).toHaveText(token.split('.')[1]);
});

test('two tokens compared side by side: token_use changed, aud only in the ID token', async ({ app, page }) => {
  await app.open();
  await app.paste(motoPaste());
  await page.locator('[data-testid="compare"] > summary').click();
  const valueOf = (side, label) => page.locator(`#compare-${side} option`, { hasText: label }).getAttribute('value');
  await page.locator('#compare-left').selectOption(await valueOf('left', 'IdToken'));
  await page.locator('#compare-right').selectOption(await valueOf('right', 'AccessToken'));
  const row = (name) => page.locator(`[data-testid="compare-table"] tr[data-place="payload"][data-name="${name}"]`);
  await expect(row('token_use')).toHaveAttribute('data-change', 'changed');
  await expect(row('aud')).toHaveAttribute('data-change', 'only-left');
  await expect(row('client_id')).toHaveAttribute('data-change', 'only-right');
});

test('a new paste forgets the previous token\'s selection', async ({ app }) => {
  await app.open();
  await app.paste(motoPaste());
  await app.select('RefreshToken');
  await app.paste(cognito().response.AuthenticationResult.IdToken);
  await expect(app.candidates).toHaveCount(0);
  await expect(app.tokenShape).toHaveText('JWS');
});

test('Clear empties the paste and the page says where the answer will appear', async ({ app, page }) => {
  await app.open();
  await app.paste(motoPaste());
  await page.locator('button[data-action="clear"]').click();
  await expect(app.input).toHaveValue('');
  await expect(app.demoNote).toBeHidden();
  await expect(page.locator('[data-testid="answer-empty"]')).toBeVisible();
});

test.describe('accessibility', () => {
  // axe-core is injected as a script, which the page's Content-Security-Policy would refuse.
  test.use({ bypassCSP: true });

  async function expectNoAxeViolations(page, state) {
    await page.addScriptTag({ path: AXE });
    const violations = await page.evaluate(async () => {
      const result = await window.axe.run(document, { resultTypes: ['violations'] });
      if (result.passes.length === 0) return ['axe ran no rules'];
      return result.violations.map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(' | ')}`);
    });
    expect(violations, `axe violations in state "${state}"`).toEqual([]);
  }

  test('0 axe violations while the wasm downloads (index.html\'s loading note)', async ({ app, page }) => {
    const release = await app.openHoldingWasm();
    await expectNoAxeViolations(page, 'loading');
    await release();
  });

  test('0 axe violations: empty, demo, pasted, chooser used, form open, compare, dark, mobile', async ({ app, page }) => {
    await app.open();
    await expect(app.answerLines.first()).toBeVisible();
    await expectNoAxeViolations(page, 'demo');

    await page.locator('button[data-action="clear"]').click();
    await expect(page.locator('[data-testid="answer-empty"]')).toBeVisible();
    await expectNoAxeViolations(page, 'empty');

    await app.paste(motoPaste());
    await expect(app.answerLines.first()).toBeVisible();
    await expectNoAxeViolations(page, 'pasted');

    await app.chooseGateway('http-jwt');
    await app.answerQuestion('cfg-http-scopes', 'orders/read');
    await expectNoAxeViolations(page, 'chooser used');

    await app.configure('cfg-rest-scopes', SDK_SCOPE);
    await expectNoAxeViolations(page, 'form open');

    await page.locator('[data-testid="compare"] > summary').click();
    await expect(page.locator('[data-testid="compare-table"]')).toBeVisible();
    await expectNoAxeViolations(page, 'compare');

    await page.getByLabel('Dark').check();
    await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
    await expectNoAxeViolations(page, 'dark');

    await page.setViewportSize({ width: 390, height: 844 });
    await expectNoAxeViolations(page, 'mobile');
  });

  test('keyboard only: the skip link leads to the answer, and the chooser is the next stop', async ({ app, page }) => {
    await app.open();
    await expect(app.answerLines.first()).toBeVisible();
    await page.keyboard.press('Tab');
    await expect(page.locator('a.skip-link')).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(page.locator('#answer-heading')).toBeFocused();
    await page.keyboard.press('Tab');
    await expect(app.gatewayChoice).toBeFocused();
    // The answer is announced.
    await expect(page.locator('[data-testid="answer-announcement"]')).toContainText('Send the ID token');
  });
});

test('on a phone the matrix heading says the other gateways are a scroll away; on a desktop it does not', async ({ app, page }) => {
  await app.open();
  await app.paste(motoPaste());
  const heading = page.locator('#matrix-heading');
  const after = () => heading.evaluate((h) => getComputedStyle(h, '::after').content);
  await page.setViewportSize({ width: 390, height: 844 });
  expect(await after()).toContain('scroll sideways');
  // The table is wider than its box there: the hint is true.
  expect(await page.locator('.matrix-wrap').evaluate((w) => w.scrollWidth > w.clientWidth)).toBe(true);
  await page.setViewportSize({ width: 1280, height: 800 });
  expect(await after()).not.toContain('scroll sideways');
});

test('no horizontal scroll at 320 px, with the demo and with a paste', async ({ app, page }) => {
  await page.setViewportSize({ width: 320, height: 700 });
  await app.open();
  await expect(app.answerLines.first()).toBeVisible();
  const overflow = () => page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(await overflow()).toBeLessThanOrEqual(0);
  await app.paste(motoPaste());
  await expect(app.answerLines.first()).toBeVisible();
  await page.locator('[data-testid="compare"] > summary').click();
  expect(await overflow()).toBeLessThanOrEqual(0);
});

test('no console error and no failed request on load', async ({ app, page }) => {
  const problems = [];
  const aborted = [];
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(`console: ${m.text()}`);
  });
  page.on('requestfailed', (r) => {
    // Chromium reports a fetch whose body the page read to its end with a stream reader as
    // failed (net::ERR_ABORTED) when the body arrived in more than one piece under
    // Cache-Control: no-store (microsoft/playwright#42742, open). Such a request is checked
    // below against the page's own network log instead of being counted at once.
    if (r.failure()?.errorText === 'net::ERR_ABORTED') aborted.push(r);
    else problems.push(`failed: ${r.url()} ${r.failure()?.errorText}`);
  });
  page.on('response', (r) => {
    if (r.status() >= 400) problems.push(`${r.status()}: ${r.url()}`);
  });
  await app.open();
  await expect(app.answerLines.first()).toBeVisible();
  // The start-up read of the presets file has settled.
  await expect
    .poll(() => page.evaluate(() => performance.getEntriesByType('resource').some((e) => e.name.endsWith('tokenlens.config.json'))))
    .toBe(true);
  for (const r of aborted) {
    // Not a problem only if the answer came (200, a declared length) and the page's log says it
    // read exactly that many bytes: "HTTP 200, N bytes", nothing cut.
    const response = await r.response();
    const length = response && (await response.headerValue('content-length'));
    const row = page.locator(`[data-testid="network-log"] tr[data-url="${r.url()}"] td`).last();
    if (response?.status() === 200 && length !== null) {
      await expect(row, `${r.url()} was read to its end`).toHaveText(`HTTP 200, ${length} bytes`);
    } else {
      problems.push(`failed: ${r.url()} net::ERR_ABORTED`);
    }
  }
  expect(problems).toEqual([]);
});

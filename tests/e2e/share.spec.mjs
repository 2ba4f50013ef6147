// Share links: state in the URL fragment only, in three modes. Each link is opened in a fresh
// browser context (nothing carried over but the link) and must restore the page and show the
// diagnosis without a click. Secrets never go into a link; broken or newer links say so.
import { expect, test } from './support/fixtures.mjs';
import { ALGS, HMAC_TEXT_SECRET, claims, keyFile, signJwt } from './support/jose.mjs';
import { expectNoPageErrors, expectNoTokenLeak } from './support/leaks.mjs';
import { TokenLens } from './support/app.mjs';

let used = [];
const track = (...secrets) => (used.push(...secrets), secrets[0]);
let extraRequests = [];

test.beforeEach(() => {
  used = [];
  extraRequests = [];
});

test.afterEach(async ({ requests, pageErrors, keyServer }) => {
  await expectNoTokenLeak(requests, used);
  await expectNoTokenLeak(extraRequests, used);
  await expectNoTokenLeak(await keyServer.requests({ everyone: true }), used);
  expectNoPageErrors(pageErrors);
});

/**
 * What a link carries, readable: the URL-decoded link, plus the fragment's payload decoded from
 * base64url (`#v1.<mode>.<base64url JSON>`), so a test can look for a token or a secret in it.
 */
function carried(link) {
  const decoded = decodeURIComponent(link);
  const body = link.slice(link.indexOf('#') + 1).split('.').slice(2).join('.');
  let inner = '';
  try {
    inner = Buffer.from(body, 'base64url').toString('utf8');
  } catch {}
  return `${decoded}\n${inner}`;
}

/** Opens the share panel and chooses `mode`; resolves to the link's value. */
async function shareLink(app, mode) {
  const panel = app.page.locator('details[data-testid="share"]');
  if ((await panel.getAttribute('open')) === null) await panel.locator(':scope > summary').click();
  const radio = app.page.locator(`input[name="share-mode"][value="${mode}"]`);
  await radio.check();
  await expect(radio).toBeChecked();
  const link = app.page.locator('input[data-testid="share-link"]');
  await expect(link).toHaveValue(/#v1\./);
  return link.inputValue();
}

/**
 * Opens `link` in a new browser context (no storage, no history) and returns its page object.
 * Its requests are recorded for the leak check with the fragment removed: browsers never send
 * the # part, and a full-token link carries the token there by design.
 */
async function openFresh(browser, link, testInfo) {
  const context = await browser.newContext({ locale: 'en-GB', timezoneId: 'Asia/Kolkata' });
  const errors = [];
  context.on('request', (r) => {
    extraRequests.push({
      url: r.url().split('#')[0],
      method: r.method(),
      headers: r.headers(),
      postData: r.postData(),
      settled: r.allHeaders().then(() => {}, () => {}),
    });
  });
  const page = await context.newPage();
  page.on('pageerror', (e) => errors.push(e));
  testInfo.attach?.('link', { body: link, contentType: 'text/plain' });
  await page.goto(link);
  const app = new TokenLens(page);
  await expect(app.input).toBeVisible();
  return { app, page, context, errors };
}

test('a configuration-only link restores the gateway fields and the JWKS URL, without the token', async ({ app, browser, keyServer }, testInfo) => {
  const token = track(signJwt(ALGS.rs256, claims(keyServer.issuer('rs256'))));
  await app.open();
  await app.pasteToken(token);
  await app.configure('cfg-oidc-issuer', keyServer.issuer('rs256'));
  await app.configure('cfg-oidc-audiences', 'e2e-share-client');
  await app.jwksUrl.fill(keyServer.jwksUrl('rs256'));
  await app.chooseGateway('oidc');

  const link = await shareLink(app, 'config');
  expect(link.startsWith(app.page.url().split('#')[0])).toBe(true);
  expect(carried(link)).not.toContain(token.split('.')[1].slice(0, 16));
  expect(carried(link)).toContain(keyServer.jwksUrl('rs256'));
  await expect(app.page.locator('[data-testid="share-length"]')).toContainText(`${[...link].length}`);

  const fresh = await openFresh(browser, link, testInfo);
  try {
    await expect(fresh.app.cfg('cfg-oidc-issuer')).toHaveValue(keyServer.issuer('rs256'));
    await expect(fresh.app.cfg('cfg-oidc-audiences')).toHaveValue('e2e-share-client');
    await expect(fresh.app.jwksUrl).toHaveValue(keyServer.jwksUrl('rs256'));
    // The gateway chosen on the answer panel comes with the link.
    await expect(fresh.app.gatewayChoice).toHaveValue('oidc');
    await expect(fresh.app.input).toHaveValue('');
    await expect(fresh.app.diagnosis).toBeVisible();
    // A link is never painted over with the demo: the page waits for the user's token.
    await expect(fresh.app.demoNote).toHaveCount(0);
    await expect(fresh.page.locator('[data-testid="answer-empty"]')).toBeVisible();
    await expect(fresh.page.locator('[data-testid="link-error"]')).toHaveCount(0);
    expect(await keyServer.paths(), 'opening a link fetches nothing by itself').toEqual([]);
    expectNoPageErrors(fresh.errors);
  } finally {
    await fresh.context.close();
  }
});

test('"No" to the method-scopes question comes back with the link, still answered', async ({ app, browser }, testInfo) => {
  await app.open();
  await app.chooseGateway('rest-cognito');
  await app.answerQuestion('cfg-rest-scopes', '');
  const question = (page) => page.locator('.question[data-field="cfg-rest-scopes"]');
  await expect(question(app.page).locator('input[value="no"]')).toBeChecked();

  const fresh = await openFresh(browser, await shareLink(app, 'config'), testInfo);
  try {
    await expect(fresh.app.gatewayChoice).toHaveValue('rest-cognito');
    // An empty answer is an answer: "No" stays checked, nothing is assumed of the scopes.
    await expect(question(fresh.page).locator('input[value="no"]')).toBeChecked();
    await expect(question(fresh.page).locator('input[value="yes"]')).not.toBeChecked();
    expectNoPageErrors(fresh.errors);
  } finally {
    await fresh.context.close();
  }
});

test('a token-without-signature link restores the claims and the diagnosis, never the signature', async ({ app, browser, keyServer }, testInfo) => {
  const token = signJwt(ALGS.rs256, claims(keyServer.issuer('rs256'), { scope: 'orders/read' }));
  const [, payload, signature] = token.split('.');
  used.push(signature); // the signature must not leave; the claims may, inside the fragment only
  await app.open();
  await app.pasteToken(token);
  await app.configure('cfg-http-issuer', keyServer.issuer('rs256'));

  const link = await shareLink(app, 'unsigned');
  await expect(app.page.locator('[data-testid="share-full-warning"]')).toHaveCount(0);
  expect(carried(link), 'the link does carry the claims').toContain(payload);
  for (let i = 0; i + 16 <= signature.length; i += 8) {
    expect(carried(link), 'no piece of the signature in the link').not.toContain(signature.slice(i, i + 16));
  }
  await expect(app.page.locator('[data-testid="share-length"]')).toContainText(`${[...link].length}`);

  const fresh = await openFresh(browser, link, testInfo);
  try {
    await expect(fresh.app.payloadRaw).toHaveText(payload);
    await expect(fresh.app.signatureRaw).not.toContainText(signature.slice(0, 16));
    await expect(fresh.app.cfg('cfg-http-issuer')).toHaveValue(keyServer.issuer('rs256'));
    await expect(fresh.app.diagnosis).toBeVisible();
    await expect(fresh.app.profile('http-jwt')).toHaveAttribute('data-verdict', /accept|reject|cannot-tell/);
    await expect(fresh.app.demoNote).toBeHidden();
    expectNoPageErrors(fresh.errors);
  } finally {
    await fresh.context.close();
  }
});

test('a full-token link warns first, then restores the token and the JWKS URL with the diagnosis', async ({ app, browser, keyServer }, testInfo) => {
  const token = signJwt(ALGS.rs256, claims(keyServer.issuer('rs256')));
  const [, payload, signature] = token.split('.');
  await app.open();
  await app.pasteToken(token);
  await app.jwksUrl.fill(keyServer.jwksUrl('rs256'));

  const link = await shareLink(app, 'full');
  await expect(app.page.locator('[data-testid="share-full-warning"]')).toBeVisible();
  expect(carried(link.slice(link.indexOf('#'))), 'the token travels in the # part').toContain(token);
  expect(link.slice(0, link.indexOf('#')), 'and nowhere else').toBe(app.page.url().split('#')[0]);
  await expect(app.page.locator('[data-testid="share-length"]')).toContainText(`${[...link].length}`);
  used.push(token); // from here on, no request may carry it (fragments are not sent)

  const fresh = await openFresh(browser, link, testInfo);
  try {
    await expect(fresh.app.payloadRaw).toHaveText(payload);
    await expect(fresh.app.signatureRaw).toHaveText(signature);
    await expect(fresh.app.jwksUrl).toHaveValue(keyServer.jwksUrl('rs256'));
    await expect(fresh.app.diagnosis).toBeVisible();
    await expect(fresh.app.verdict).toHaveAttribute('data-verdict', /unverifiable|valid/);
    expectNoPageErrors(fresh.errors);
  } finally {
    await fresh.context.close();
  }
});

test('a full-token link with its public keys shows the verdict first, with the token in the box: never "checking" before it, the panels below the answer, the claims and the closed evidence after it', async ({ app, browser }) => {
  const token = track(signJwt(ALGS.rs256, claims('https://first-answer.example.com/e2e')));
  await app.open();
  await app.pasteToken(token);
  await app.pasteKeys(keyFile('jwks/all.json'));
  await app.expectVerdict('valid');
  const link = await shareLink(app, 'full');

  const context = await browser.newContext();
  try {
    // Before any page script: note when a pending verdict, the link's verdict and the lower
    // panels first exist (the checks are made before the first render: no pending state).
    await context.addInitScript(() => {
      window.__order = [];
      const seen = new Set();
      const note = (what, present) => {
        if (present && !seen.has(what)) (seen.add(what), window.__order.push(what));
      };
      new MutationObserver(() => {
        note('pending', document.querySelector('[data-testid="verdict"][data-verdict="pending"]'));
        const verdict = document.querySelector('[data-testid="verdict"][data-verdict="valid"]');
        if (verdict && !seen.has('verdict')) window.__boxAtVerdict = document.querySelector('textarea#token-input')?.value;
        note('verdict', verdict);
        note('panels', document.querySelector('.more'));
        // Below the first screen, or closed: built with the panels, not before the verdict.
        note('claims', document.querySelector('[data-testid="claims"]'));
        note('evidence', document.querySelector('details.why .findings'));
      }).observe(document, { subtree: true, childList: true, attributes: true });
    });
    const page = await context.newPage();
    await page.goto(link);
    await expect(page.locator('[data-testid="verdict"]')).toHaveAttribute('data-verdict', 'valid');
    await expect(page.locator('.more [data-testid="share"]')).toHaveCount(1);
    await expect(page.locator('[data-testid="claims"]')).toHaveCount(1);
    expect(await page.evaluate(() => window.__order)).toEqual(['verdict', 'panels', 'claims', 'evidence']);
    // The paste box holds the token in the same paint as its verdict.
    expect(await page.evaluate(() => window.__boxAtVerdict)).toBe(token);
  } finally {
    await context.close();
  }
});

test('an HMAC secret pasted in the keys box never appears in any link', async ({ app }) => {
  const secret = track(HMAC_TEXT_SECRET);
  const secretB64 = track(Buffer.from(secret, 'utf8').toString('base64url'));
  const token = track(signJwt({ alg: 'HS256', secret }, claims('https://hmac.example.com/e2e')));
  await app.open();
  await app.pasteToken(token);
  await app.setSecretEncoding('text');
  await app.pasteKeys(secret);
  await app.expectVerdict('valid');
  for (const mode of ['config', 'unsigned', 'full']) {
    const link = await shareLink(app, mode);
    const decoded = carried(link);
    for (const s of [secret, secretB64]) {
      for (let i = 0; i + 16 <= s.length; i += 4) {
        expect(decoded, `${mode} link carries no piece of the secret`).not.toContain(s.slice(i, i + 16));
      }
    }
    await expect(app.page.locator('[data-testid="share-dropped"] li').filter({ hasText: /secret/i })).toHaveCount(1);
  }
});

for (const [what, fragment] of [
  ['a malformed link', '#v1.c.%%%'],
  ['a link from a newer version', '#v9.c.e30'],
]) {
  test(`${what} (${fragment}) gives a clear message, no demo, and a working page`, async ({ app, page }) => {
    await page.goto(`/${fragment}`);
    await expect(app.input).toBeVisible();
    const error = page.locator('[data-testid="link-error"]');
    await expect(error).toBeVisible();
    await expect(error).not.toHaveText('');
    await expect(app.demoNote).toHaveCount(0);
    await expect(app.tokenShape).toHaveCount(0);

    const token = track(signJwt(ALGS.rs256, claims('https://after-a-bad-link.example.com/e2e')));
    await app.pasteToken(token);
    await expect(app.tokenShape).toHaveText('JWS');
  });
}

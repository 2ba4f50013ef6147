// The page checks signatures with the browser's WebCrypto (`data-engine` on the verdict), and a
// user can ask RustCrypto for a second opinion: a separate worker module, fetched only then (or
// when a token needs ES256K, which WebCrypto lacks), which must agree on valid and tampered
// tokens alike. Nothing here touches the network but the
// page's own files.
import { readFileSync } from 'node:fs';
import { DEMO_RESPONSE_FILE } from './support/env.mjs';
import { expect, test } from './support/fixtures.mjs';
import { ALGS, HMAC_TEXT_SECRET, claims, keyFile, signJwt, tamper } from './support/jose.mjs';

const ISS = 'https://issuer.tokenlens.test';
const demo = JSON.parse(readFileSync(DEMO_RESPONSE_FILE, 'utf8')).AuthenticationResult;
const worker = /\/lazy\/second_opinion/;

/** In the page: notes each verdict state it shows, in order, in `window.__states`. */
function noteVerdictStates() {
  window.__states = [];
  new MutationObserver(() => {
    const v = document.querySelector('[data-testid="verdict"]')?.dataset.verdict;
    if (v && window.__states.at(-1) !== v) window.__states.push(v);
  }).observe(document, { subtree: true, childList: true, attributes: true });
}

/** Asks for the second opinion and expects RustCrypto to agree on `verdict`. */
async function expectSecondOpinionAgrees(app, page, verdict) {
  await page.locator('button[data-action="second-opinion"]').click();
  const second = page.locator('[data-testid="second-opinion"]');
  await expect(second).toHaveAttribute('data-state', 'done');
  await expect(second).toHaveAttribute('data-verdict', verdict);
  await expect(second).toHaveAttribute('data-agree', 'true');
}

test('the demo tokens are verified by WebCrypto, and RustCrypto, fetched on the click, agrees', async ({
  app,
  page,
  requests,
  track,
}) => {
  for (const t of [demo.IdToken, demo.AccessToken, demo.RefreshToken]) track(t);
  await app.open();
  await expect(app.demoNote).toBeVisible();
  for (const label of ['IdToken', 'AccessToken']) {
    await app.select(label);
    await app.expectVerdict('valid');
    await expect(app.verdict).toHaveAttribute('data-engine', 'webcrypto');
  }
  expect(requests.filter((r) => worker.test(r.url)), 'the worker is not loaded before the click').toEqual([]);
  await expectSecondOpinionAgrees(app, page, 'valid');
  expect(requests.some((r) => /\/lazy\/second_opinion_bg\.wasm$/.test(r.url))).toBe(true);
});

const tampered = [ALGS.rs256, ALGS.ps384, ALGS.es256, ALGS.es512, ALGS.eddsa];
for (const a of tampered) {
  test(`a tampered ${a.alg} token is invalid for WebCrypto and for RustCrypto`, async ({ app, page, track }) => {
    await app.open();
    await app.pasteKeys(keyFile('jwks/all.json'));
    await app.pasteToken(track(tamper(signJwt(a, claims(ISS)))));
    await app.expectVerdict('invalid');
    await expect(app.verdict).toHaveAttribute('data-engine', 'webcrypto');
    await app.expectFinding('signature_mismatch');
    await expectSecondOpinionAgrees(app, page, 'invalid');
  });
}

test('an HS256 token is checked by WebCrypto HMAC', async ({ app, page, track }) => {
  await app.open();
  await app.pasteToken(track(signJwt({ alg: 'HS256', secret: HMAC_TEXT_SECRET }, claims(ISS))));
  await app.pasteKeys(HMAC_TEXT_SECRET);
  await app.setSecretEncoding('text');
  await app.expectVerdict('valid');
  await expect(app.verdict).toHaveAttribute('data-engine', 'webcrypto');
  await expectSecondOpinionAgrees(app, page, 'valid');
});

test('a page with only RS256 tokens never fetches the RustCrypto worker', async ({ app, requests, track }) => {
  await app.open();
  await app.pasteKeys(keyFile('jwks/all.json'));
  await app.pasteToken(track(signJwt(ALGS.rs256, claims(ISS))));
  await app.expectVerdict('valid', { kid: ALGS.rs256.kid });
  await expect(app.verdict).toHaveAttribute('data-engine', 'webcrypto');
  expect(requests.filter((r) => /\/lazy\//.test(r.url)), 'nothing under lazy/ is fetched').toEqual([]);
});

test('ES256K, which WebCrypto lacks, is checked by the RustCrypto worker, fetched only for it', async ({
  app,
  page,
  requests,
  track,
}) => {
  await app.open();
  await app.pasteKeys(keyFile('jwks/all.json'));
  expect(requests.filter((r) => worker.test(r.url)), 'no worker before an ES256K token').toEqual([]);
  await app.pasteToken(track(signJwt(ALGS.es256k, claims(ISS))));
  await app.expectVerdict('valid', { kid: ALGS.es256k.kid });
  await expect(app.verdict).toHaveAttribute('data-engine', 'rustcrypto');
  expect(requests.some((r) => /\/lazy\/second_opinion_bg\.wasm$/.test(r.url))).toBe(true);
  await expectSecondOpinionAgrees(app, page, 'valid');
});

test('a tampered ES256K token is invalid for the RustCrypto worker', async ({ app, track }) => {
  await app.open();
  await app.pasteKeys(keyFile('jwks/all.json'));
  await app.pasteToken(track(tamper(signJwt(ALGS.es256k, claims(ISS)))));
  await app.expectVerdict('invalid');
  await expect(app.verdict).toHaveAttribute('data-engine', 'rustcrypto');
  await app.expectFinding('signature_mismatch');
});

test('when the RustCrypto worker cannot load, ES256K is not checked and the page says why', async ({
  app,
  page,
  track,
}) => {
  await page.route(/\/lazy\//, (route) => route.abort());
  await app.open();
  await app.pasteKeys(keyFile('jwks/all.json'));
  await app.pasteToken(track(signJwt(ALGS.es256k, claims(ISS))));
  await app.expectVerdict('unverifiable');
  await app.expectFinding('rustcrypto_unavailable');
  await expect(app.finding('rustcrypto_unavailable')).toContainText('RustCrypto check could not run');
  await expect(app.verdict).toHaveAttribute('data-engine', 'none');
});

test('a paste, and then a keystroke, with the keys already pasted show the new verdict with no "checking" state in between', async ({
  app,
  page,
  track,
}) => {
  const token = track(signJwt(ALGS.rs256, claims(ISS)));
  await app.open();
  await app.pasteKeys(keyFile('jwks/all.json'));
  // Note every verdict state the page ever shows from here on.
  await page.evaluate(noteVerdictStates);
  await app.paste(token);
  await app.expectVerdict('valid');
  // One signature character changed by typing: the same length, so the checks run again.
  const at = token.length - 10;
  await app.input.focus();
  await app.input.evaluate((el, at) => el.setSelectionRange(at, at + 1), at);
  await page.keyboard.press(token[at] === 'A' ? 'B' : 'A');
  await app.expectVerdict('invalid');
  const states = await page.evaluate(() => window.__states);
  expect(states.slice(-2)).toEqual(['valid', 'invalid']);
  expect(states, 'never "checking…"').not.toContain('pending');
});

test('a fresh page paints the demo verdict first, never "checking" before it', async ({ app, page }) => {
  await page.addInitScript(noteVerdictStates);
  await app.open();
  await expect(app.demoNote).toBeVisible();
  await expect(app.verdict).toHaveAttribute('data-engine', 'webcrypto');
  const states = await page.evaluate(() => window.__states);
  expect(states.length, 'a verdict was shown').toBeGreaterThan(0);
  expect(states, 'never "checking…"').not.toContain('pending');
});

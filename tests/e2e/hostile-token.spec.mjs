// A token is attacker-controlled text. Claims and header members carrying HTML, script and
// javascript: URLs are shown literally, as text, and nothing of them runs.
import { expect, test } from './support/fixtures.mjs';
import { ALGS, claims, signJwt } from './support/jose.mjs';
import { expectNoPageErrors, expectNoTokenLeak } from './support/leaks.mjs';

let used = [];
const track = (token) => (used.push(token), token);

test.afterEach(async ({ requests, pageErrors }) => {
  await expectNoTokenLeak(requests, used);
  expectNoPageErrors(pageErrors);
});

const IMG = '<img src=x onerror="window.__pwned=1;alert(1)">';
const SCRIPT = '<script>window.__pwned=2;alert(2)</script>';
const JS_URL = 'javascript:window.__pwned=3;alert(3)';
const SVG = '<svg onload="window.__pwned=4"></svg>';

test('HTML, script and javascript: payloads in claims and header render as text and run nothing', async ({ app, page, requests }) => {
  const dialogs = [];
  page.on('dialog', (d) => {
    dialogs.push(d.message());
    d.dismiss().catch(() => {});
  });
  await app.open();
  const token = track(
    signJwt(
      ALGS.rs256,
      claims(JS_URL, { sub: IMG, name: SCRIPT, website: JS_URL, picture: SVG, aud: [IMG, SCRIPT] }),
      { kid: IMG, jku: JS_URL, x5u: SCRIPT, typ: SVG },
    ),
  );
  await app.pasteToken(token);
  await app.expectClaim('sub', JSON.stringify(IMG));
  await app.expectClaim('name', JSON.stringify(SCRIPT));
  await app.expectClaim('website', JSON.stringify(JS_URL));
  await app.expectClaim('picture', JSON.stringify(SVG));
  await expect(app.payloadJson).toContainText(IMG.replace(/"/g, '\\"'));
  await expect(app.headerJson).toContainText(SCRIPT);
  await expect(app.diagnosis).toBeVisible();

  // Exercise what reads the header: the diagnosis, the header-URL warnings, the share panel.
  for (const member of ['jku', 'x5u']) {
    const button = app.fetchHeaderUrlButton(member);
    if (await button.count()) await button.click();
  }
  const share = page.locator('details[data-testid="share"]');
  await share.locator(':scope > summary').click();
  await page.locator('input[name="share-mode"][value="unsigned"]').check();

  expect(await page.evaluate(() => window.__pwned)).toBeUndefined();
  expect(dialogs).toEqual([]);
  // No element came from the payloads: no injected img/svg/script, no javascript: link.
  expect(await page.locator('img[src="x"], svg[onload], [onerror]').count()).toBe(0);
  expect(await page.locator('a[href^="javascript:"]').count()).toBe(0);
  expect(await page.evaluate(() => [...document.scripts].filter((s) => s.textContent.includes('__pwned')).length)).toBe(0);
  expect(requests.filter((r) => r.url.endsWith('/x')), 'the img payload loaded nothing').toEqual([]);
});

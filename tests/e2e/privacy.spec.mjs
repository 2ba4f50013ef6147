// Privacy you can check: the Network section lists every request; nothing is stored unless the
// user asks (and then settings only); "Forget everything" clears it; the page runs under its
// Content-Security-Policy without a single violation.
import { expect, test } from './support/fixtures.mjs';
import { ALGS, claims, signJwt } from './support/jose.mjs';
import { expectNoPageErrors, expectNoTokenLeak } from './support/leaks.mjs';

let used = [];
const track = (token) => (used.push(token), token);

test.beforeEach(async ({ page }) => {
  used = [];
  // Every CSP violation of the page, from the first script on.
  await page.addInitScript(() => {
    window.__cspViolations = [];
    document.addEventListener('securitypolicyviolation', (e) =>
      window.__cspViolations.push(`${e.violatedDirective} ${e.blockedURI}`),
    );
  });
});

test.afterEach(async ({ requests, pageErrors, keyServer }) => {
  await expectNoTokenLeak(requests, used);
  await expectNoTokenLeak(await keyServer.requests({ everyone: true }), used);
  expectNoPageErrors(pageErrors);
});

/** Everything the page keeps: localStorage, sessionStorage, cookies. */
async function stored(page) {
  const web = await page.evaluate(() => {
    const dump = (s) => Object.fromEntries(Array.from({ length: s.length }, (_, i) => [s.key(i), s.getItem(s.key(i))]));
    return { local: dump(localStorage), session: dump(sessionStorage) };
  });
  return { ...web, cookies: await page.context().cookies() };
}

/** Paste, fetch keys, configure a gateway, answer: what a normal session does. */
async function fullFlow(app, keyServer) {
  const token = track(signJwt(ALGS.rs256, claims(keyServer.issuer('rs256'))));
  await app.open();
  await app.pasteToken(token);
  await app.fetchJwks(keyServer.jwksUrl('rs256'));
  await app.expectFetchOk();
  await app.expectVerdict('valid', { kid: ALGS.rs256.kid });
  await app.configure('cfg-http-issuer', keyServer.issuer('rs256'));
  await app.configure('cfg-http-audiences', 'e2e-privacy-client');
  await app.pasteResponse('HTTP/1.1 401 Unauthorized\nwww-authenticate: Bearer error="invalid_token"');
  await expect(app.responseStatus).toBeVisible();
  return token;
}

test('the Network section lists the page files and a clicked key fetch with its result', async ({ app, page, keyServer }) => {
  await fullFlow(app, keyServer);
  const log = page.locator('details[data-testid="network-log"]');
  await log.locator(':scope > summary').click();
  await expect(log).toHaveAttribute('open', '');
  const rows = log.locator('tr[data-url]');
  const urls = async () => rows.evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-url')));
  await expect.poll(async () => (await urls()).some((u) => /\/tokenlens-[0-9a-f]+_bg\.wasm$/.test(u))).toBe(true);
  const listed = await urls();
  expect(listed.some((u) => /\/tokenlens-[0-9a-f]+\.js$/.test(u)), 'the JS glue').toBe(true);
  expect(listed.some((u) => /\/style-[0-9a-f]+\.css$/.test(u)), 'the stylesheet').toBe(true);
  expect(listed.some((u) => u.endsWith('tokenlens.config.json')), 'the presets file').toBe(true);
  // The click's row: its URL, why (not "page load") and result.
  const fetchRows = rows
    .filter({ has: page.locator('td.url', { hasText: keyServer.jwksUrl('rs256') }) })
    .filter({ hasNotText: /page load/ });
  await expect(fetchRows).toHaveCount(1);
  await expect(fetchRows).toContainText(/200|ok|key/i);
});

test('normal use stores nothing; "Remember" keeps settings only; "Forget everything" clears both', async ({ app, page, keyServer }) => {
  const token = await fullFlow(app, keyServer);
  expect(await stored(page), 'nothing stored after paste, fetch, configure').toEqual({ local: {}, session: {}, cookies: [] });

  await page.locator('#remember').check();
  await expect.poll(async () => Object.keys((await stored(page)).local).length).toBeGreaterThan(0);
  const kept = await stored(page);
  const text = JSON.stringify(kept);
  expect(text, 'the remembered settings hold the gateway form').toContain('e2e-privacy-client');
  for (let i = 0; i + 16 <= token.length; i += 8) {
    expect(text, 'no piece of the token in storage').not.toContain(token.slice(i, i + 16));
  }
  expect(kept.session).toEqual({});
  expect(kept.cookies).toEqual([]);

  await page.locator('button[data-action="forget"]').click();
  await expect.poll(() => stored(page)).toEqual({ local: {}, session: {}, cookies: [] });
  await expect(page.locator('#remember')).not.toBeChecked();
  await expect(app.input).toHaveValue('');
  await expect(app.cfg('cfg-http-audiences')).toHaveValue('');
});

test('the page carries its CSP meta tag and runs a full flow without one violation', async ({ app, page, keyServer }) => {
  await fullFlow(app, keyServer);
  const csp = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
  expect(csp).toContain("default-src 'self'");
  expect(csp).toMatch(/script-src [^;]*'sha256-/);
  expect(csp).not.toContain("'unsafe-inline'");
  expect(await page.evaluate(() => window.__cspViolations)).toEqual([]);
});

// "Fetch keys only when I click" (issue 11): an organisation's presets file can start the page with
// it on, and a user who opted in to "Remember" keeps their own setting; nothing is stored without
// that opt-in. The issuer is an https server on localhost that the presets list in
// auto_fetch_hosts, so without the switch its keys would be fetched at once (hosting.spec).
import { expect, test } from './support/fixtures.mjs';
import { JOSE_DIR } from './support/env.mjs';
import { ALGS, claims, signJwt } from './support/jose.mjs';
import { useHttpsIssuer } from './support/servers.mjs';

const issuer = useHttpsIssuer(test, JOSE_DIR);

/** Serves `presets` as the page's tokenlens.config.json (`null`: no presets file, a 404). */
async function servePresets(page, presets) {
  await page.route('**/tokenlens.config.json', (route) =>
    presets === null
      ? route.fulfill({ status: 404, body: '' })
      : route.fulfill({ status: 200, contentType: 'application/json', body: JSON.stringify(presets) }),
  );
}

const presets = (extra = {}) => ({ version: 1, auto_fetch_hosts: ['localhost'], ...extra });

async function open(app, page) {
  const loaded = page.waitForResponse((r) => r.url().endsWith('tokenlens.config.json'));
  await app.open();
  await loaded;
}

async function localStorageText(page) {
  return page.evaluate(() => JSON.stringify({ ...window.localStorage }));
}

test('a presets file with fetch_keys_only_on_click starts the switch on: nothing is fetched by itself', async ({ app, page, track }) => {
  await servePresets(page, presets({ fetch_keys_only_on_click: true }));
  await open(app, page);
  await expect(page.locator('#only-on-click')).toBeChecked();
  await app.pasteToken(track(signJwt(ALGS.rs256, claims(`${issuer.origin}/e2e`))));
  const decision = page.getByTestId('auto-fetch');
  await expect(decision).toHaveAttribute('data-decision', 'ask-for-click');
  await expect(decision).toContainText('only when you click');
  expect(issuer.seen, 'no request without a click').toEqual([]);
  await decision.locator('[data-action="fetch-keys-now"]').click();
  await app.expectFetchOk();
  await app.expectVerdict('valid', { kid: ALGS.rs256.kid });
  expect(issuer.seen).toEqual(['GET /e2e/.well-known/openid-configuration', 'GET /e2e/jwks.json']);
  expect(await localStorageText(page), 'a presets default is not stored').toBe('{}');
});

test('the same presets without the setting fetch at once (the switch starts off)', async ({ app, page, track }) => {
  await servePresets(page, presets());
  await open(app, page);
  await expect(page.locator('#only-on-click')).not.toBeChecked();
  await app.pasteToken(track(signJwt(ALGS.rs256, claims(`${issuer.origin}/e2e`))));
  await app.expectFetchOk();
  expect(issuer.seen).toEqual(['GET /e2e/.well-known/openid-configuration', 'GET /e2e/jwks.json']);
});

test('after opting in to "Remember", the switch is kept across a reload and wins over the presets', async ({ app, page, track }) => {
  await servePresets(page, presets());
  await open(app, page);
  await page.locator('#remember').check();
  await page.locator('#only-on-click').check();
  await expect.poll(() => localStorageText(page)).toContain('"only_on_click\\":true');

  const loaded = page.waitForResponse((r) => r.url().endsWith('tokenlens.config.json'));
  await page.reload();
  await loaded;
  await expect(page.locator('#remember')).toBeChecked();
  await expect(page.locator('#only-on-click')).toBeChecked();
  await app.pasteToken(track(signJwt(ALGS.rs256, claims(`${issuer.origin}/e2e`))));
  await expect(page.getByTestId('auto-fetch')).toHaveAttribute('data-decision', 'ask-for-click');
  expect(issuer.seen, 'no request without a click after the reload').toEqual([]);

  // Turned off by the user over a presets default of on: kept off.
  await page.unroute('**/tokenlens.config.json');
  await servePresets(page, presets({ fetch_keys_only_on_click: true }));
  await page.locator('#only-on-click').uncheck();
  await expect.poll(() => localStorageText(page)).toContain('"only_on_click\\":false');
  const again = page.waitForResponse((r) => r.url().endsWith('tokenlens.config.json'));
  await page.reload();
  await again;
  await expect(page.locator('#remember')).toBeChecked();
  await expect(page.locator('#only-on-click')).not.toBeChecked();
});

test('without opting in, the switch is not remembered and nothing is stored', async ({ app, page }) => {
  await servePresets(page, null);
  await open(app, page);
  await page.locator('#only-on-click').check();
  await expect(page.locator('#only-on-click')).toBeChecked();
  expect(await localStorageText(page)).toBe('{}');
  const loaded = page.waitForResponse((r) => r.url().endsWith('tokenlens.config.json'));
  await page.reload();
  await loaded;
  await expect(app.input).toBeVisible();
  await expect(page.locator('#only-on-click')).not.toBeChecked();
  expect(await localStorageText(page)).toBe('{}');
});

test('a paste made before a slow presets file answers waits for it: its "only when I click" still holds', async ({ app, page, track }) => {
  // A built-in vendor host (Auth0), fetched without a click unless the presets say otherwise;
  // intercepted here, so nothing leaves the machine.
  const vendor = [];
  await page.route('https://tokenlens-e2e.eu.auth0.com/**', (route) => {
    vendor.push(route.request().url());
    return route.fulfill({ status: 404, body: '' });
  });
  let release;
  const held = new Promise((resolve) => {
    release = resolve;
  });
  await page.route('**/tokenlens.config.json', async (route) => {
    await held;
    await route.fulfill({
      status: 200,
      contentType: 'application/json',
      body: JSON.stringify(presets({ fetch_keys_only_on_click: true })),
    });
  });
  await app.open();
  await app.pasteToken(track(signJwt(ALGS.rs256, claims('https://tokenlens-e2e.eu.auth0.com/'))));
  // The token is decoded and judged meanwhile; nothing goes out while the presets are unknown.
  await expect(app.tokenShape).toHaveText('JWS');
  await page.waitForTimeout(500);
  expect(vendor, 'no request before the presets file answered').toEqual([]);
  const loaded = page.waitForResponse((r) => r.url().endsWith('tokenlens.config.json'));
  release();
  await loaded;
  await expect(page.locator('#only-on-click')).toBeChecked();
  await expect(page.getByTestId('auto-fetch')).toHaveAttribute('data-decision', 'ask-for-click');
  await page.waitForTimeout(300);
  expect(vendor, 'and none after: the presets say only on a click').toEqual([]);
});

test('without a presets file the same built-in host is fetched at once (what the wait above holds back)', async ({ app, page, track }) => {
  const vendor = [];
  await page.route('https://tokenlens-e2e.eu.auth0.com/**', (route) => {
    vendor.push(route.request().url());
    return route.fulfill({ status: 404, body: '' });
  });
  await servePresets(page, null);
  await open(app, page);
  await app.pasteToken(track(signJwt(ALGS.rs256, claims('https://tokenlens-e2e.eu.auth0.com/'))));
  await expect.poll(() => vendor.length).toBeGreaterThan(0);
  expect(vendor[0]).toMatch(/^https:\/\/tokenlens-e2e\.eu\.auth0\.com\//);
});

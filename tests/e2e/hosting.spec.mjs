// Hosting it yourself: the build under a nested base path, and an organisation's presets file
// (tokenlens.config.json beside index.html), valid or broken, served by the mounts server of
// global setup (support/mounts.mjs); the build behind nginx with scripts/nginx.conf.sample
// (support/nginx.mjs): compressed copies, headers, a verdict; and the loading note.
import { expect, test, KeyServer } from './support/fixtures.mjs';
import { readFileSync } from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { DIST, e2eEnv, JOSE_DIR } from './support/env.mjs';
import { ALGS, claims, signJwt } from './support/jose.mjs';
import { useHttpsIssuer } from './support/servers.mjs';
import { expectNoPageErrors, expectNoTokenLeak } from './support/leaks.mjs';
import { mountUrl, PRESETS_NS } from './support/mounts.mjs';
import { compressible } from '../../scripts/precompress.mjs';

let used = [];
const track = (token) => (used.push(token), token);

test.beforeEach(() => {
  used = [];
});

test.afterEach(async ({ requests, pageErrors, keyServer }) => {
  await expectNoTokenLeak(requests, used);
  await expectNoTokenLeak(await keyServer.requests({ everyone: true }), used);
  expectNoPageErrors(pageErrors);
});

async function openAt(app, url) {
  await app.page.goto(url);
  await expect(app.input).toBeVisible();
}

test('the build served under /nested/base/path/ loads its relative assets and works', async ({ app, requests, keyServer }) => {
  const base = mountUrl('nested');
  await openAt(app, base);
  await expect(app.demoNote).toBeVisible();
  const token = track(signJwt(ALGS.rs256, claims(keyServer.issuer('rs256'))));
  await app.pasteToken(token);
  await app.fetchJwks(keyServer.jwksUrl('rs256'));
  await app.expectVerdict('valid', { kid: ALGS.rs256.kid });
  const own = requests.filter((r) => r.url.startsWith(new URL(base).origin)).map((r) => r.url);
  for (const re of [/\.wasm$/, /tokenlens-[0-9a-f]+\.js$/, /\.css$/, /tokenlens\.config\.json$/]) {
    const hit = own.find((u) => re.test(u));
    expect(hit, `a request for ${re}`).toBeTruthy();
    expect(hit.startsWith(base), `${hit} is under the base path`).toBe(true);
  }
});

test('a valid presets file fills the default profile and lists every profile', async ({ app, page }) => {
  await openAt(app, mountUrl('presets'));
  const preset = page.locator('select#preset');
  await expect(preset).toBeVisible();
  await expect(preset.locator('option')).toHaveText(['none', 'e2e-orders', 'e2e-loopback']);
  await expect(preset).toHaveValue('e2e-orders');
  await expect(app.cfg('cfg-http-issuer')).toHaveValue('https://login.example.com/e2e');
  await expect(app.cfg('cfg-http-audiences')).toHaveValue('e2e-client-1');
  await expect(app.leeway).toHaveValue('30');
  await expect(page.locator('[data-testid="presets-problems"]')).toHaveCount(0);
});

test('a loopback http:// issuer waits for a click even when the presets list its host', async ({ app, page }) => {
  // may_auto_fetch allows https:// only, so 127.0.0.1 in auto_fetch_hosts cannot auto-fetch.
  const keys = new KeyServer(e2eEnv.keysUrl, PRESETS_NS);
  await fetch(`${e2eEnv.keysUrl}/__reset?ns=${PRESETS_NS}`);
  await openAt(app, mountUrl('presets'));
  await page.locator('select#preset').selectOption('e2e-loopback');
  await expect(app.jwksUrl).toHaveValue(keys.jwksUrl('rs256'));
  const token = track(signJwt(ALGS.rs256, claims(keys.issuer('rs256'))));
  await app.pasteToken(token);
  await app.expectVerdict('unverifiable');
  await expect(app.fetchStatus).toHaveCount(0);
  expect(await keys.paths(), 'no automatic fetch for a loopback issuer').toEqual([]);
  await app.fetchJwksButton.click();
  await app.expectFetchOk();
  await app.expectVerdict('valid', { kid: ALGS.rs256.kid });
  expect(await keys.paths()).toEqual(['GET /cors/rs256/jwks.json']);
});

test.describe('an https issuer whose host the presets list', () => {
  const issuer = useHttpsIssuer(test, JOSE_DIR);

  test('gets its keys fetched without a click', async ({ app, page }) => {
    await openAt(app, mountUrl('presets'));
    await expect(page.locator('select#preset')).toBeVisible();
    const token = track(signJwt(ALGS.rs256, claims(`${issuer.origin}/e2e`)));
    await app.pasteToken(token);
    await app.expectFetchOk();
    await app.expectVerdict('valid', { kid: ALGS.rs256.kid });
    expect(issuer.seen).toEqual(['GET /e2e/.well-known/openid-configuration', 'GET /e2e/jwks.json']);
    await expect(page.getByTestId('auto-fetch')).toHaveAttribute('data-decision', 'fetch-now');
  });

  test('with "Fetch keys only when I click" on, nothing is fetched until the button is pressed', async ({ app, page }) => {
    await openAt(app, mountUrl('presets'));
    await expect(page.locator('select#preset')).toBeVisible();
    await page.locator('#only-on-click').check();
    const token = track(signJwt(ALGS.rs256, claims(`${issuer.origin}/e2e`)));
    await app.pasteToken(token);
    const decision = page.getByTestId('auto-fetch');
    await expect(decision).toHaveAttribute('data-decision', 'ask-for-click');
    await expect(decision).toContainText('only when you click');
    expect(issuer.seen, 'no request before the click').toEqual([]);
    await decision.locator('[data-action="fetch-keys-now"]').click();
    await app.expectFetchOk();
    await app.expectVerdict('valid', { kid: ALGS.rs256.kid });
    expect(issuer.seen).toEqual(['GET /e2e/.well-known/openid-configuration', 'GET /e2e/jwks.json']);
  });

  test('a token opened from a link fetches nothing before it has been on screen', async ({ app, page }) => {
    const token = track(signJwt(ALGS.rs256, claims(`${issuer.origin}/e2e`)));
    await openAt(app, `${mountUrl('presets')}#id_token=${token}`);
    const decision = page.getByTestId('auto-fetch');
    await expect(decision).toHaveAttribute('data-decision', 'ask-for-click');
    expect(issuer.seen, 'nothing fetched while the token was not yet seen').toEqual([]);
    // After a visible moment the allow-listed issuer's keys are fetched as for a paste.
    await app.expectFetchOk();
    await app.expectVerdict('valid', { kid: ALGS.rs256.kid });
    expect(issuer.seen).toEqual(['GET /e2e/.well-known/openid-configuration', 'GET /e2e/jwks.json']);
  });
});

for (const [mount, paths] of [
  ['broken', ['profiles[1].gateway', 'default_profile', 'auto_fetch_hosts[0]']],
  ['notJson', ['line 2']],
]) {
  test(`a broken presets file (${mount}) is reported with its JSON paths and the page still works`, async ({ app, page }) => {
    await openAt(app, mountUrl(mount));
    const problems = page.locator('[data-testid="presets-problems"] li');
    await expect(problems.first()).toBeVisible();
    for (const p of paths) await expect(problems.filter({ hasText: p })).not.toHaveCount(0);
    if (mount === 'broken') await expect(page.locator('select#preset option')).toHaveText(['none', 'still-good']);
    const token = track(signJwt(ALGS.rs256, claims('https://after-broken-presets.example.com/e2e')));
    await app.pasteToken(token);
    await expect(app.tokenShape).toHaveText('JWS');
    await expect(app.diagnosis).toBeVisible();
  });
}

test('while the wasm downloads the page shows a loading note, which the app replaces as it mounts', async ({ app, page }) => {
  const release = await app.openHoldingWasm();
  const boot = app.bootNote;
  await expect(boot).toContainText('Loading');
  await expect(boot).toContainText('nothing you paste leaves it');
  // The line for a page that never starts waits 15 s (a CSS animation).
  await expect(boot.locator('.boot-stuck')).toHaveCount(1);
  await expect(boot.locator('.boot-stuck')).toBeHidden();
  await expect(page.locator('textarea#token-input')).toHaveCount(0);
  await release();
  await expect(boot).toHaveCount(0);
  // One heading and one main: the note's went with it.
  await expect(page.locator('h1')).toHaveCount(1);
  await expect(page.locator('main')).toHaveCount(1);
});

/** GET `url` with `Accept-Encoding: encoding`: status, headers and the body as sent (not decoded). */
const getRaw = (url, encoding) =>
  new Promise((resolve, reject) => {
    http
      .get(url, { headers: { 'Accept-Encoding': encoding } }, (res) => {
        const chunks = [];
        res.on('data', (c) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode, headers: res.headers, body: Buffer.concat(chunks) }));
      })
      .on('error', reject);
  });

test('behind nginx with the sample config, each wasm, JS and CSS file is sent Brotli- or gzip-compressed as the client accepts, and as is otherwise', async () => {
  const files = compressible(DIST).map((f) => path.relative(DIST, f));
  // The page's wasm, glue and stylesheet, and the second opinion's worker, glue and loader.
  expect(files.filter((f) => !f.startsWith('lazy/'))).toHaveLength(3);
  expect(files.filter((f) => f.startsWith('lazy/'))).toHaveLength(3);
  for (const file of files) {
    const original = readFileSync(path.join(DIST, file));
    const url = `${e2eEnv.nginxUrl}${file}`;
    for (const [accept, encoding, decode] of [
      ['br, gzip', 'br', brotliDecompressSync],
      ['gzip', 'gzip', gunzipSync],
      ['identity', undefined, (b) => b],
    ]) {
      const r = await getRaw(url, accept);
      expect(r.status, `${file} (${accept})`).toBe(200);
      expect(r.headers['content-encoding'], `${file} (${accept})`).toBe(encoding);
      expect(decode(r.body).equals(original), `${file} (${accept}) decodes to the built file`).toBe(true);
      if (encoding) expect(r.body.length, `${file} (${accept}) is smaller sent`).toBeLessThan(original.length);
      if (file.endsWith('.wasm')) expect(r.headers['content-type']).toBe('application/wasm');
      expect(r.headers.vary).toBe('Accept-Encoding');
      // The sample's headers reach compressed answers too; hashed names are cached for good.
      expect(r.headers['x-content-type-options']).toBe('nosniff');
      expect(r.headers['cache-control']).toBe(file.startsWith('lazy/') ? 'no-cache' : 'public, max-age=31536000, immutable');
    }
  }
  // The page and the presets file are not precompressed: an organisation edits them after the
  // build, and a stale copy would be sent instead.
  for (const [url, file] of [
    [e2eEnv.nginxUrl, 'index.html'],
    [`${e2eEnv.nginxUrl}tokenlens.config.json`, 'tokenlens.config.json'],
  ]) {
    const r = await getRaw(url, 'br, gzip');
    expect(r.headers['content-encoding'], file).toBeUndefined();
    expect(r.body.equals(readFileSync(path.join(DIST, file))), file).toBe(true);
  }
});

test('behind nginx with the sample config and its security headers, the page loads compressed and checks a token', async ({ app, page, keyServer }) => {
  const violations = [];
  const headerWarnings = [];
  page.on('console', (m) => {
    if (/Content.Security.Policy/i.test(m.text())) violations.push(m.text());
    // A feature this Chromium does not know is only a warning (the sample denies some that ship
    // elsewhere); anything else about the header means Chromium could not read it.
    if (/Permissions-Policy/i.test(m.text()) && !/Unrecognized feature/i.test(m.text())) headerWarnings.push(m.text());
  });
  const wasm = page.waitForResponse((r) => /_bg\.wasm$/.test(r.url()));
  const doc = await page.goto(e2eEnv.nginxUrl);
  expect(doc.headers()['content-security-policy']).toContain("frame-ancestors 'none'");
  const encoding = (await wasm).headers()['content-encoding'];
  // Chromium accepts Brotli from 127.0.0.1 too.
  expect(encoding, 'the wasm came Brotli-compressed').toBe('br');
  await expect(app.input).toBeVisible();
  const token = track(signJwt(ALGS.rs256, claims(keyServer.issuer('rs256'))));
  await app.pasteToken(token);
  await app.fetchJwks(keyServer.jwksUrl('rs256'));
  await app.expectVerdict('valid', { kid: ALGS.rs256.kid });
  expect(violations, 'no Content-Security-Policy violation').toEqual([]);
  expect(headerWarnings, 'Chromium reads the Permissions-Policy header').toEqual([]);
  expect(doc.headers()['permissions-policy']).toContain('camera=()');
});

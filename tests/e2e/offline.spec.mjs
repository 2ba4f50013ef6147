// The offline single file (scripts/build-offline.mjs, built from TOKENLENS_DIST in global setup)
// opened from disk: a pasted token and pasted keys verify, with no request but the file itself.
import { existsSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { expect, test } from './support/fixtures.mjs';
import { ALGS, claims, keyFile, signJwt } from './support/jose.mjs';
import { expectNoPageErrors, expectNoTokenLeak } from './support/leaks.mjs';
import { OFFLINE_FILE } from './support/mounts.mjs';

let used = [];
const track = (token) => (used.push(token), token);

test.afterEach(async ({ requests, pageErrors }) => {
  await expectNoTokenLeak(requests, used);
  expectNoPageErrors(pageErrors);
});

test('the offline file works from file:// with a pasted token and pasted keys', async ({ app, page, requests }) => {
  expect(existsSync(OFFLINE_FILE), OFFLINE_FILE).toBe(true);
  const violations = [];
  await page.addInitScript(() => {
    window.__cspViolations = [];
    document.addEventListener('securitypolicyviolation', (e) =>
      window.__cspViolations.push(`${e.violatedDirective} ${e.blockedURI}`),
    );
  });
  await page.goto(pathToFileURL(OFFLINE_FILE).href);
  await expect(app.input).toBeVisible();
  await expect(app.demoNote).toBeVisible();
  const csp = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
  expect(csp).toContain("default-src 'none'");

  const token = track(signJwt(ALGS.rs256, claims('https://offline.example.com/e2e')));
  await app.pasteToken(token);
  await app.pasteKeys(keyFile('public/rsa2048.jwk.json'));
  await app.expectVerdict('valid', { kid: ALGS.rs256.kid });

  const fetched = requests.map((r) => r.url).filter((u) => !u.startsWith('data:'));
  // The file itself, and the presets file the page tries at start (refused: file:// is no
  // server and the policy allows no file: connections); nothing else.
  expect(fetched.filter((u) => !u.endsWith('/tokenlens-offline.html') && !u.endsWith('/tokenlens.config.json'))).toEqual([]);
  violations.push(...(await page.evaluate(() => window.__cspViolations)));
  // The only one: the page's start-up fetch of tokenlens.config.json (a file: URL, which the
  // policy does not allow; the page goes on without presets).
  expect(violations.filter((v) => v !== 'connect-src file')).toEqual([]);
});

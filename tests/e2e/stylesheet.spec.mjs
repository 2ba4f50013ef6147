// The shipped stylesheet (scripts/css-min.mjs strips its comments and layout whitespace at build
// time) must say exactly what static/style.css says: Chromium's own CSS parser reads both, and
// every rule must serialise the same, in the same order.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { e2eEnv, REPO } from './support/env.mjs';
import { expect, test } from './support/fixtures.mjs';

test('the built stylesheet parses to the same rules as static/style.css, and is smaller', async ({ page }) => {
  const source = readFileSync(path.join(REPO, 'static', 'style.css'), 'utf8');
  const html = await (await fetch(e2eEnv.baseUrl)).text();
  const href = html.match(/<link rel="stylesheet" href="\.\/([^"]+\.css)"/)?.[1];
  expect(href, 'index.html links a stylesheet').toBeTruthy();
  const built = await (await fetch(new URL(href, e2eEnv.baseUrl))).text();
  expect(built.length).toBeLessThan(source.length);
  expect(built).not.toContain('/*');

  await page.goto('about:blank');
  const [want, got] = await page.evaluate(
    (texts) =>
      texts.map((text) => {
        const sheet = new CSSStyleSheet();
        sheet.replaceSync(text);
        return Array.from(sheet.cssRules, (rule) => rule.cssText);
      }),
    [source, built],
  );
  expect(want.length).toBeGreaterThan(50);
  expect(got).toEqual(want);
});

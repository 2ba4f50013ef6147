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

// Each size × weight × style of a family is a font the browser looks up on first use (a system
// call each on Linux): the first layout of a link spent about 12 ms of 33 finding 24 of them.
// The page keeps to one type scale (static/style.css's opening comment), counted on what renders.
test('the rendered page keeps to its type scale: at most seven sans sizes, two mono sizes, weights 400 and 700', async ({ app }) => {
  await app.open();
  await expect(app.page.locator('.more')).toHaveCount(1);
  await app.page.evaluate(() => document.querySelectorAll('details').forEach((d) => (d.open = true)));
  const fonts = await app.page.evaluate(() => {
    const seen = { sans: new Set(), mono: new Set(), weights: new Set() };
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let t = walker.nextNode(); t; t = walker.nextNode()) {
      if (!t.data.trim() || !t.parentElement.checkVisibility()) continue;
      const cs = getComputedStyle(t.parentElement);
      seen[/mono/.test(cs.fontFamily) ? 'mono' : 'sans'].add(cs.fontSize);
      seen.weights.add(cs.fontWeight);
    }
    return Object.fromEntries(Object.entries(seen).map(([k, v]) => [k, [...v].sort()]));
  });
  expect(fonts.sans.length, `sans sizes ${fonts.sans}`).toBeGreaterThan(2);
  expect(fonts.sans.length, `sans sizes ${fonts.sans}`).toBeLessThanOrEqual(7);
  expect(fonts.mono.length, `mono sizes ${fonts.mono}`).toBeLessThanOrEqual(2);
  expect(fonts.weights).toEqual(['400', '700']);
});

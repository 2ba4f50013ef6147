// Renders the README screenshots from the release build: the demo (the classic Cognito case)
// on a desktop in light and dark, and on a phone. Serves dist/ on loopback; needs no network.
//   trunk build --release --offline && node scripts/screenshots.mjs [dist] [out]
import { createServer } from 'node:http';
import { readFile } from 'node:fs/promises';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from '@playwright/test';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const dist = path.resolve(process.argv[2] ?? process.env.TOKENLENS_DIST ?? path.join(repo, 'dist'));
const out = path.resolve(process.argv[3] ?? path.join(repo, 'docs', 'screenshots'));
const types = { '.html': 'text/html', '.js': 'text/javascript', '.wasm': 'application/wasm', '.css': 'text/css', '.json': 'application/json' };

const server = createServer(async (req, res) => {
  const url = new URL(req.url, 'http://localhost');
  const file = path.join(dist, url.pathname === '/' ? 'index.html' : path.normalize(url.pathname));
  if (!file.startsWith(dist)) return res.writeHead(403).end();
  try {
    const body = await readFile(file);
    res.writeHead(200, { 'content-type': types[path.extname(file)] ?? 'application/octet-stream' }).end(body);
  } catch {
    res.writeHead(404).end();
  }
});
await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
const base = `http://127.0.0.1:${server.address().port}/`;

const shots = [
  { name: 'desktop-light.png', viewport: { width: 1280, height: 800 }, colorScheme: 'light' },
  { name: 'desktop-dark.png', viewport: { width: 1280, height: 800 }, colorScheme: 'dark' },
  { name: 'phone.png', viewport: { width: 390, height: 844 }, colorScheme: 'light', isMobile: true, deviceScaleFactor: 2 },
];

mkdirSync(out, { recursive: true });
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
try {
  for (const { name, ...options } of shots) {
    const context = await browser.newContext({ ...options, locale: 'en-GB', timezoneId: 'UTC' });
    const page = await context.newPage();
    await page.goto(base);
    await page.locator('[data-testid="answer"] .answer-line.lead').waitFor();
    await page.screenshot({ path: path.join(out, name) });
    console.log(`screenshots.mjs: ${path.join(out, name)}`);
    await context.close();
  }
} finally {
  await browser.close();
  server.close();
}

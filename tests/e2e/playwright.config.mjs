// End-to-end tests: the release build in Debian's Chromium, against loopback servers started by
// global-setup.mjs. Run from the repo root:
//   npx playwright test -c tests/e2e/playwright.config.mjs
// Env: TOKENLENS_DIST (default <repo>/dist), TOKENLENS_VENV (default <repo>/.venv).
import { defineConfig } from '@playwright/test';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const repo = path.resolve(here, '..', '..');

export default defineConfig({
  testDir: here,
  testMatch: '*.spec.mjs',
  outputDir: path.join(repo, 'test-results', 'e2e'),
  globalSetup: path.join(here, 'global-setup.mjs'),
  fullyParallel: true,
  workers: 2,
  retries: 0,
  forbidOnly: true,
  reporter: [['list']],
  timeout: 30_000,
  expect: { timeout: 10_000 },
  use: {
    browserName: 'chromium',
    headless: true,
    // Local times must differ visibly from UTC, and date formats be predictable.
    locale: 'en-GB',
    timezoneId: 'Asia/Kolkata',
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    launchOptions: {
      executablePath: '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    },
  },
});

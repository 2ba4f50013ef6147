// The shared test fixtures: every spec imports `test` and `expect` from here.
//
//   baseURL     the static server from global setup, so `page.goto('/')` opens the app
//   requests    every request the browser context made during the test:
//               { url, method, resourceType, headers, postData, settled }
//               (headers are completed with allHeaders() once `settled` resolves)
//   pageErrors  uncaught exceptions in the page (wasm panics land here)
//   app         a TokenLens page object (support/app.mjs), not yet navigated
import { test as base, expect } from '@playwright/test';
import { TokenLens } from './app.mjs';
import { e2eEnv } from './env.mjs';

export { expect };

export const test = base.extend({
  baseURL: async ({}, use) => {
    await use(e2eEnv.baseUrl);
  },

  requests: [
    async ({ context }, use) => {
      const requests = [];
      context.on('request', (request) => {
        let postData = null;
        try {
          postData = request.postDataBuffer()?.toString('latin1') ?? null;
        } catch {}
        const record = {
          url: request.url(),
          method: request.method(),
          resourceType: request.resourceType(),
          headers: request.headers(),
          postData,
        };
        // allHeaders() adds what the network stack sent (cookies, …). It resolves once the
        // request is on the wire; a request that never gets there keeps the headers above.
        record.settled = Promise.race([
          request.allHeaders().then((h) => (record.headers = h)),
          new Promise((resolve) => setTimeout(resolve, 2000)),
        ]).catch(() => {});
        requests.push(record);
      });
      await use(requests);
    },
    { auto: true },
  ],

  pageErrors: [
    async ({ page }, use) => {
      const errors = [];
      page.on('pageerror', (error) => errors.push(error));
      await use(errors);
    },
    { auto: true },
  ],

  app: async ({ page }, use) => {
    await use(new TokenLens(page));
  },
});

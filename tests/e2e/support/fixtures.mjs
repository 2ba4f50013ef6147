// The shared test fixtures: every spec imports `test` and `expect` from here.
//
//   baseURL     the static server from global setup, so `page.goto('/')` opens the app
//   requests    every request the browser context made during the test:
//               { url, method, resourceType, headers, postData, settled }
//               (headers are completed with allHeaders() once `settled` resolves)
//   pageErrors  uncaught exceptions in the page (wasm panics land here)
//   app         a TokenLens page object (support/app.mjs), not yet navigated
//   keyServer   the keys server (support/keys-server.mjs) under a namespace of this test's own:
//               URLs to hand the page, and what reached the server (its own request log)
//   track       track(token) returns the token and remembers it: after the test no request, the
//               browser's or any the keys server received, may carry it, and the page raised
//               no error (the leak check, written once)
import { test as base, expect } from '@playwright/test';
import { TokenLens } from './app.mjs';
import { e2eEnv } from './env.mjs';
import { expectNoPageErrors, expectNoTokenLeak } from './leaks.mjs';

/** The keys server as one test sees it: its routes under /t/<ns>, and its request log. */
export class KeyServer {
  constructor(root, ns) {
    this.root = root;
    this.ns = ns;
    /** Base URL of this test's namespace, no trailing slash. */
    this.base = `${root}/t/${ns}`;
  }

  /** `<base><path>`, e.g. url('/cors/missing/jwks.json'). */
  url(path) {
    return `${this.base}${path}`;
  }

  /** The issuer URL of route `name` (rs256 … eddsa, all, mismatch, …); `cors: false` → /nocors. */
  issuer(name, { cors = true } = {}) {
    return this.url(`/${cors ? 'cors' : 'nocors'}/${name}`);
  }

  jwksUrl(name, opts) {
    return `${this.issuer(name, opts)}/jwks.json`;
  }

  discoveryUrl(name, opts) {
    return `${this.issuer(name, opts)}/.well-known/openid-configuration`;
  }

  /**
   * What reached the server, oldest first, shaped like the `requests` fixture's records (so
   * expectNoTokenLeak takes them) plus `path` (without the namespace) and `ns`.
   * Only this test's namespace, unless `everyone`.
   */
  async requests({ everyone = false } = {}) {
    const res = await fetch(`${this.root}/__requests${everyone ? '' : `?ns=${encodeURIComponent(this.ns)}`}`);
    if (!res.ok) throw new Error(`keys server /__requests answered ${res.status}`);
    return (await res.json()).map((r) => ({ ...r, postData: r.body, settled: Promise.resolve() }));
  }

  /** Method and path (without the namespace) of each request that reached this namespace. */
  async paths() {
    return (await this.requests()).map((r) => `${r.method} ${r.path}`);
  }
}

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

  keyServer: async ({}, use, testInfo) => {
    const ns = `${testInfo.testId}-r${testInfo.retry}-x${testInfo.repeatEachIndex}`.replace(/[^A-Za-z0-9_-]/g, '_');
    await use(new KeyServer(e2eEnv.keysUrl, ns));
  },
  track: async ({ requests, pageErrors, keyServer }, use) => {
    const used = [];
    await use((token) => (used.push(token), token));
    await expectNoTokenLeak(requests, used);
    await expectNoTokenLeak(await keyServer.requests({ everyone: true }), used);
    expectNoPageErrors(pageErrors);
  },
});

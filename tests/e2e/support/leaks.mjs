// Tokens must never leave the browser. These helpers check what the page sent.
import { expect } from '@playwright/test';

export const LEAK_WINDOW = 16;

const decoded = (text) => {
  try {
    return decodeURIComponent(text.replace(/\+/g, ' '));
  } catch {
    return text;
  }
};

/**
 * Fails if any request's URL, headers or body contains any 16-character window of any token
 * (also after URL-decoding). `tokens` may nest arrays; strings shorter than the window are skipped.
 */
export async function expectNoTokenLeak(requests, tokens, window = LEAK_WINDOW) {
  await Promise.all(requests.map((r) => r.settled));
  const secrets = [tokens].flat(Infinity).filter((t) => typeof t === 'string' && t.length >= window);
  const leaks = [];
  for (const request of requests) {
    const fields = {
      url: request.url,
      headers: Object.entries(request.headers).map(([k, v]) => `${k}: ${v}`).join('\n'),
      body: request.postData ?? '',
    };
    for (const [field, text] of Object.entries(fields)) {
      if (text.length < window) continue;
      const haystacks = [text, decoded(text)];
      for (const secret of secrets) {
        for (let i = 0; i + window <= secret.length; i++) {
          const piece = secret.slice(i, i + window);
          if (haystacks.some((h) => h.includes(piece))) {
            leaks.push(
              `${request.method} ${request.url.slice(0, 120)} — ${field} contains "${piece}" ` +
                `from the token starting ${secret.slice(0, 24)}…`,
            );
            break;
          }
        }
      }
    }
  }
  expect(leaks, 'requests carrying token bytes').toEqual([]);
}

/** Fails if the page threw (a wasm panic surfaces as a page error). */
export function expectNoPageErrors(pageErrors) {
  expect(pageErrors.map((e) => `${e.name}: ${e.message}`), 'uncaught errors in the page').toEqual([]);
}

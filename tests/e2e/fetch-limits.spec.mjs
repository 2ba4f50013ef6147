// The 256 KiB cap on key-set answers holds while the body streams in: a chunked 3 MiB body, a
// few KiB of gzip that inflate to 8 MiB, and a 1 GiB Content-Length are each refused with their
// own words, and the page stops reading (the keys server notes how much it got to send).
import { expect, test } from './support/fixtures.mjs';
import { ALGS, claims, signJwt } from './support/jose.mjs';

test.beforeEach(async ({ app }) => {
  await app.open();
});

/** The keys server's log entry for `route`, once the connection it served has ended. */
async function served(keyServer, route) {
  let entry;
  await expect
    .poll(async () => {
      entry = (await keyServer.requests()).find((r) => r.path === route);
      return entry?.completed;
    }, { message: `${route} ended` })
    .not.toBeUndefined();
  return entry;
}

test('a chunked 3 MiB body is refused once 256 KiB have arrived, and the rest is never read', async ({ app, keyServer, track }) => {
  const url = keyServer.url('/cors/bigchunked/jwks.json');
  await app.pasteToken(track(signJwt(ALGS.rs256, claims(keyServer.issuer('rs256')))));
  await app.fetchJwks(url);
  await app.expectFetchError('too-large', [url, '256 KiB', 'reading stopped']);
  await app.expectVerdict('unverifiable');
  const entry = await served(keyServer, '/cors/bigchunked/jwks.json');
  expect(entry.completed, 'the server finished sending 3 MiB').toBe(false);
  expect(entry.sent).toBeLessThan(3 * 1024 * 1024);
});

test('8 KiB of gzip inflating to 8 MiB is refused as compressed data past the cap', async ({ app, keyServer, track }) => {
  const url = keyServer.url('/cors/gzipbomb/jwks.json');
  await app.pasteToken(track(signJwt(ALGS.rs256, claims(keyServer.issuer('rs256')))));
  await app.fetchJwks(url);
  await app.expectFetchError('too-large', [url, '256 KiB']);
  await expect(app.fetchStatus).toContainText(/compressed/);
  await app.expectVerdict('unverifiable');
});

test('a Content-Length over the cap is refused before the body is read', async ({ app, keyServer, track }) => {
  const url = keyServer.url('/cors/hugedeclared/jwks.json');
  await app.pasteToken(track(signJwt(ALGS.rs256, claims(keyServer.issuer('rs256')))));
  await app.fetchJwks(url);
  await app.expectFetchError('too-large', [url, 'declared', '256 KiB', 'not read']);
  await app.expectVerdict('unverifiable');
  const entry = await served(keyServer, '/cors/hugedeclared/jwks.json');
  expect(entry.completed).toBe(false);
  expect(entry.sent, 'bytes the server got to send').toBeLessThan(256 * 1024);
});

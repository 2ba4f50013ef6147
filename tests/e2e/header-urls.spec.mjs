// `jku` and `x5u` name a URL inside the token, i.e. chosen by whoever made the token. The page
// fetches it only after the user asked, was warned, and confirmed. Asserted on the keys server's
// own request log as well as on the browser's requests.
import { expect, test } from './support/fixtures.mjs';
import { ALGS, claims, signJwt } from './support/jose.mjs';

test.beforeEach(async ({ app }) => {
  await app.open();
});

const cases = [
  { member: 'jku', path: '/cors/rs256/jwks.json', kid: ALGS.rs256.kid },
  { member: 'x5u', path: '/cors/x5u/rsa2048.cert.pem' }, // a certificate holds no kid
];

for (const { member, path, kid } of cases) {
  test(`the header URL in ${member} is fetched only after a warning and a confirming click`, async ({ app, keyServer, requests, track }) => {
    const headerUrl = keyServer.url(path);
    const keysOrigin = new URL(headerUrl).origin;
    const toKeysServer = () => requests.filter((r) => r.url.startsWith(keysOrigin)).map((r) => r.url);
    const token = track(signJwt(ALGS.rs256, claims(keyServer.issuer('rs256')), { [member]: headerUrl }));

    await app.pasteToken(token);
    await app.expectVerdict('unverifiable');
    await expect(app.fetchHeaderUrlButton(member)).toBeVisible();
    await expect(app.headerUrlWarning).toBeHidden();
    await expect(app.confirmHeaderUrlButton(member)).toHaveCount(0);
    expect(await keyServer.paths(), 'pasting a token with a header URL fetches nothing').toEqual([]);

    await app.fetchHeaderUrlButton(member).click();
    await expect(app.headerUrlWarning).toBeVisible();
    await expect(app.headerUrlWarning).toContainText(/token/i);
    await expect(app.headerUrlWarning).toContainText(/attacker/i);
    await expect(app.confirmHeaderUrlButton(member)).toBeVisible();
    expect(await keyServer.paths(), 'the warning comes before any request').toEqual([]);
    expect(toKeysServer(), 'the browser sent nothing to the header URL yet').toEqual([]);

    await app.confirmHeaderUrlButton(member).click();
    await app.expectFetchOk();
    await app.expectVerdict('valid', { kid });
    await app.expectFinding('signature_valid');
    expect(await keyServer.paths()).toEqual([`GET ${path}`]);
    expect(toKeysServer()).toEqual([headerUrl]);
  });
}

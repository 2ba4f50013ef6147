// The page's DOM contract, in one place. Specs talk to the page only through this object.
import { expect } from '@playwright/test';

const escapeRegExp = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const cssString = (s) => `"${s.replace(/["\\]/g, '\\$&')}"`;

export class TokenLens {
  constructor(page) {
    this.page = page;
    /** The paste area: textarea#token-input whose accessible name contains "Token". */
    this.input = page.getByLabel(/Token/).and(page.locator('textarea#token-input'));
    this.demoNote = page.locator('[data-testid="demo-note"]');
    /** index.html's loading note, up until the app mounts. */
    this.bootNote = page.locator('#boot');
    this.candidates = page.locator('[data-testid="candidates"] button[data-testid="candidate"]');
    this.inputMessage = page.locator('[data-testid="input-message"]');
    this.cleanups = page.locator('[data-testid="cleanups"] li');
    this.tokenShape = page.locator('[data-testid="token-shape"]');
    this.headerJson = page.locator('[data-testid="header-json"]');
    this.payloadJson = page.locator('[data-testid="payload-json"]');
    this.headerRaw = page.locator('[data-testid="header-raw"]');
    this.payloadRaw = page.locator('[data-testid="payload-raw"]');
    this.signatureRaw = page.locator('[data-testid="signature-raw"]');
    this.jweNotice = page.locator('[data-testid="jwe-notice"]');
    this.decodeProblems = page.locator('[data-testid="decode-problems"] li');
    this.claimRows = page.locator('table[data-testid="claims"] tr[data-claim]');

    // Keys and verification.
    /** The keys paste area: textarea#keys-input whose accessible name contains "Keys". */
    this.keysInput = page.getByLabel(/Keys/).and(page.locator('textarea#keys-input'));
    /** How an HMAC secret paste is read: options `text` and `base64`. */
    this.secretEncoding = page.locator('select#secret-encoding');
    this.jwksUrl = page.getByLabel(/JWKS URL/).and(page.locator('input#jwks-url'));
    this.fetchJwksButton = page.locator('button[data-action="fetch-jwks"]');
    this.discoverButton = page.locator('button[data-action="discover"]');
    /** Names the URL "Discover from issuer" will fetch (among other words). */
    this.discoverUrl = page.locator('[data-testid="discover-url"]');
    /** data-state loading|ok|error; on error data-problem; after a kid_not_found refetch data-refetched="true". */
    this.fetchStatus = page.locator('[data-testid="fetch-status"]');
    this.curlFallback = page.locator('[data-testid="curl-fallback"]');
    this.issuerMismatch = page.locator('[data-testid="issuer-mismatch"]');
    this.keySummary = page.locator('[data-testid="key-summary"]');
    this.keyProblems = page.locator('[data-testid="key-problems"] li[data-index]');
    this.privateKeyWarning = page.locator('[data-testid="private-key-warning"]');
    /** data-verdict valid|invalid|unverifiable|malformed; text names the deciding key's kid. */
    this.verdict = page.locator('[data-testid="verdict"]');
    this.findings = page.locator('[data-testid="verify-findings"] li[data-code]');
    this.keyCandidates = page.locator('[data-testid="key-candidates"] li[data-kid]');
    this.headerUrlWarning = page.locator('[data-testid="header-url-warning"]');

    // Diagnosis: gateway profiles, which token to send, findings by stage, the gateway's answer.
    this.diagnosis = page.locator('section[data-testid="diagnosis"]');
    /** input#leeway whose accessible name contains "Leeway": clock leeway in seconds, default 0. */
    this.leeway = page.getByLabel(/Leeway/).and(page.locator('input#leeway'));
    this.profileRows = page.locator('[data-testid="profiles"] [data-profile]');
    /** The answer card: one line per gateway, `data-profile`, `data-tone` good|bad|open|neutral, `data-send`. */
    this.answer = page.locator('[data-testid="answer"]');
    this.answerLines = page.locator('[data-testid="answer"] li[data-profile]');
    this.choices = this.answerLines;
    /** "Where do you send it?" */
    this.gatewayChoice = page.getByLabel('Where do you send it?');
    /** The token × gateway matrix. */
    this.matrix = page.locator('table[data-testid="matrix"]');
    /** textarea#gateway-response whose accessible name contains "gateway answer". */
    this.gatewayResponse = page.getByLabel(/gateway answer/i).and(page.locator('textarea#gateway-response'));
    this.responseFindings = page.locator('[data-testid="response-findings"] li[data-code]');
    this.responseStatus = page.locator('[data-testid="response-status"]');
  }

  /** A gateway description field by id without '#', e.g. 'cfg-rest-scopes'. */
  cfg(id) {
    return this.page.locator(`#${id}`);
  }

  /** What the page took from field `id` (e.g. the pool id out of an ARN). */
  cfgNote(id) {
    return this.page.locator(`[data-testid=${cssString(`cfg-note-${id}`)}]`);
  }

  /** Describes the gateway: fills field `id` (a select is selected) and checks it kept the value. */
  async configure(id, value) {
    const field = this.cfg(id);
    // The fields may sit in a collapsed <details>: open it as a user would, by its summary.
    const closed = this.page.locator('details:not([open])').filter({ has: field });
    if ((await closed.count()) > 0) await closed.last().locator(':scope > summary').click();
    await expect(field).toBeVisible();
    if ((await field.evaluate((el) => el.tagName)) === 'SELECT') await field.selectOption(value);
    else await field.fill(value);
    await expect(field).toHaveValue(value);
  }

  async setLeeway(seconds) {
    await this.leeway.fill(String(seconds));
    await expect(this.leeway).toHaveValue(String(seconds));
  }

  /** The row of profile `name`: rest-cognito, rest-test-authorizer, http-jwt, lambda-ajv, oidc. */
  profile(name) {
    return this.page.locator(`[data-testid="profiles"] [data-profile=${cssString(name)}]`);
  }

  /** A finding `code` in profile `name`'s row. */
  profileFinding(name, code) {
    return this.profile(name).locator(`li[data-code=${cssString(code)}]`);
  }

  /** Profile `name` would accept the token. */
  async expectAccepts(name) {
    await expect(this.profile(name)).toHaveAttribute('data-verdict', 'accept');
  }

  /** Profile `name` would reject the token with `status`; with `code`, that finding is listed. */
  async expectRejects(name, status, code) {
    await expect(this.profile(name)).toHaveAttribute('data-verdict', 'reject');
    await expect(this.profile(name)).toHaveAttribute('data-status', String(status));
    if (code) await expect(this.profileFinding(name, code)).toHaveCount(1);
  }

  /** "Which token do I send?" for profile `name`: its line on the answer card. */
  choice(name) {
    return this.page.locator(`[data-testid="answer"] li[data-profile=${cssString(name)}]`);
  }

  /** The answer card's line for profile `name` (or `response`). */
  answerLine(name) {
    return this.choice(name);
  }

  /** Says where the token goes: a `data-profile` id, or 'all' for "not sure". */
  async chooseGateway(id) {
    await this.gatewayChoice.selectOption(id);
    await expect(this.gatewayChoice).toHaveValue(id);
  }

  /** Answers an inline deciding question (field id such as 'cfg-rest-scopes'): '' = No. */
  async answerQuestion(field, value) {
    const box = this.page.locator(`#q-${field}`);
    if (value === '') {
      await this.page.locator(`.question[data-field=${cssString(field)}] input[value="no"]`).check();
    } else {
      const yes = this.page.locator(`.question[data-field=${cssString(field)}] input[value="yes"]`);
      if ((await yes.count()) > 0) await yes.check();
      await box.fill(value);
    }
    await expect(box).toHaveValue(value);
  }

  /** For profile `name`, send the candidate whose label contains `label` ('' = none passes). */
  async expectSend(name, label) {
    const pattern = label === '' ? /^$/ : new RegExp(escapeRegExp(label));
    await expect(this.choice(name)).toHaveAttribute('data-send', pattern);
  }

  /** Token-level findings of one stage: structure, header, keys, signature, claims, gateway. */
  stageFinding(stage, code) {
    return this.page.locator(
      `[data-testid="findings"] [data-stage=${cssString(stage)}] li[data-code=${cssString(code)}]`,
    );
  }

  /** Puts `text` in the gateway answer field and checks it was kept exactly. */
  async pasteResponse(text) {
    await this.gatewayResponse.fill(text);
    await expect(this.gatewayResponse).toHaveValue(text);
  }

  responseFinding(code) {
    return this.page.locator(`[data-testid="response-findings"] li[data-code=${cssString(code)}]`);
  }


  /** Pastes a single token and waits until the page shows it (not the previous one). */
  async pasteToken(token) {
    const [, payload, signature] = token.split('.');
    await this.paste(token);
    await expect(this.payloadRaw).toHaveText(payload);
    await expect(this.signatureRaw).toHaveText(signature);
  }

  /** Puts `text` in the keys paste area and checks it was kept exactly. */
  async pasteKeys(text) {
    await this.keysInput.fill(text);
    await expect(this.keysInput).toHaveValue(text);
  }

  /** Chooses how an HMAC secret is read: 'text' or 'base64'. */
  async setSecretEncoding(encoding) {
    await this.secretEncoding.selectOption(encoding);
    await expect(this.secretEncoding).toHaveValue(encoding);
  }

  /** Types `url` into the JWKS URL field and clicks fetch. */
  async fetchJwks(url) {
    await this.jwksUrl.fill(url);
    await this.fetchJwksButton.click();
  }

  async expectFetchOk() {
    await expect(this.fetchStatus).toHaveAttribute('data-state', 'ok');
  }

  /** The fetch failed with `problem`; the status text names every string in `mentions`. */
  async expectFetchError(problem, mentions = []) {
    await expect(this.fetchStatus).toHaveAttribute('data-state', 'error');
    await expect(this.fetchStatus).toHaveAttribute('data-problem', problem);
    for (const text of mentions) await expect(this.fetchStatus).toContainText(text);
  }

  /** The verdict is `verdict`; with `kid`, its text names that key. */
  async expectVerdict(verdict, { kid } = {}) {
    await expect(this.verdict).toHaveAttribute('data-verdict', verdict);
    if (kid) await expect(this.verdict).toContainText(kid);
  }

  finding(code) {
    return this.page.locator(`[data-testid="verify-findings"] li[data-code=${cssString(code)}]`);
  }

  /** A finding with this code is listed (the list may sit in a collapsed <details>). */
  async expectFinding(code) {
    await expect(this.finding(code).first()).toBeAttached();
  }

  keyCandidate(kid) {
    return this.page.locator(`[data-testid="key-candidates"] li[data-kid=${cssString(kid)}]`);
  }

  keyProblem(index) {
    return this.page.locator(`[data-testid="key-problems"] li[data-index=${cssString(String(index))}]`);
  }

  /** `button[data-action="fetch-jku"]` / `fetch-x5u`: asks first, does not fetch. */
  fetchHeaderUrlButton(member) {
    return this.page.locator(`button[data-action=${cssString(`fetch-${member}`)}]`);
  }

  /** `button[data-action="confirm-fetch-jku"]` / `confirm-fetch-x5u`: the only click that fetches. */
  confirmHeaderUrlButton(member) {
    return this.page.locator(`button[data-action=${cssString(`confirm-fetch-${member}`)}]`);
  }

  async open() {
    await this.page.goto('/');
    await expect(this.input).toBeVisible();
  }

  /**
   * Opens the page with its wasm held back, so that index.html's loading note stays up; resolves
   * to `release`, which lets the wasm through and waits for the app.
   */
  async openHoldingWasm() {
    let letThrough;
    const held = new Promise((resolve) => (letThrough = resolve));
    await this.page.route(/tokenlens-[0-9a-f]+_bg\.wasm$/, async (route) => {
      await held;
      await route.continue();
    });
    await this.page.goto('/');
    await expect(this.bootNote).toBeVisible();
    return async () => {
      letThrough();
      await expect(this.input).toBeVisible();
    };
  }

  /** Puts `text` in the paste area as a paste would, and checks it was kept exactly. */
  async paste(text) {
    await this.input.fill(text);
    await expect(this.input).toHaveValue(text);
  }

  copyButton(what) {
    return this.page.locator(`button[data-copy=${cssString(what)}]`);
  }

  /** The candidate button whose text contains `label` (case-sensitive). */
  candidate(label) {
    return this.candidates.filter({ hasText: new RegExp(escapeRegExp(label)) });
  }

  claim(name) {
    return this.page.locator(`table[data-testid="claims"] tr[data-claim=${cssString(name)}]`);
  }

  claimValue(name) {
    return this.claim(name).locator('td[data-col="value"]');
  }

  claimTime(name) {
    return this.claim(name).locator('td[data-col="time"]');
  }

  /** Exactly these candidates, in this order (the order they appear in the paste). */
  async expectCandidates(labels) {
    await expect(this.candidates).toHaveCount(labels.length);
    for (const [i, label] of labels.entries()) {
      await expect(this.candidates.nth(i)).toContainText(new RegExp(escapeRegExp(label)));
    }
    await expect(this.candidates.and(this.page.locator('[aria-pressed="true"]'))).toHaveCount(1);
  }

  /** Clicks a candidate and checks it became the (only) selected one. */
  async select(label) {
    const button = this.candidate(label);
    await expect(button).toHaveCount(1);
    await button.click();
    await expect(button).toHaveAttribute('aria-pressed', 'true');
    await expect(this.candidates.and(this.page.locator('[aria-pressed="true"]'))).toHaveCount(1);
  }

  /** The claims row `name` shows `jsonText` (scalars exactly; arrays/objects as equal JSON). */
  async expectClaim(name, jsonText) {
    const cell = this.claimValue(name);
    if (/^[[{]/.test(jsonText)) {
      await expect(cell).toBeVisible();
      await expect.poll(async () => JSON.parse((await cell.textContent()) ?? '')).toEqual(JSON.parse(jsonText));
    } else {
      await expect(cell).toHaveText(jsonText);
    }
  }

  /** Waits until `locator`'s text is exactly `text`, whitespace included. */
  async expectExactText(locator, text) {
    await expect(locator).toBeVisible();
    await expect.poll(() => locator.textContent()).toBe(text);
  }

  /**
   * The page shows `t` (a token from support/tokens.mjs, or { token, claims }) decoded as a JWS:
   * shape, raw segments, and every claim. With `exact`, also the pretty header/payload text.
   */
  async expectJws(t, { exact = true } = {}) {
    const [header, payload, signature] = t.token.split('.');
    await expect(this.tokenShape).toHaveText('JWS');
    await expect(this.headerRaw).toHaveText(header);
    await expect(this.payloadRaw).toHaveText(payload);
    await expect(this.signatureRaw).toHaveText(signature);
    await expect(this.jweNotice).toBeHidden();
    if (exact) {
      // The payload shows as the claims table; its JSON sits in a disclosure.
      const closed = this.page.locator('details:not([open])').filter({ has: this.payloadJson });
      if ((await closed.count()) > 0) await closed.first().locator(':scope > summary').click();
      await this.expectExactText(this.headerJson, t.headerPretty);
      await this.expectExactText(this.payloadJson, t.payloadPretty);
    }
    for (const [name, jsonText] of Object.entries(t.claims)) await this.expectClaim(name, jsonText);
  }
}

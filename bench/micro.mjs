// The per-call page: times tokenlens (the core, built for wasm32 through src/bin/bench.rs) next
// to jose, aws-jwt-verify and the bare WebCrypto call, on the same tokens and keys, in the same
// page. Driven by bench/run.mjs through `window.runMicro(input, options)`; one call per page load.
//
// Like with like: every verifier gets its keys once before timing (tokenlens parses the JWKS
// once into `Keys`; jose's createLocalJWKSet imports each key on first use and caches it;
// aws-jwt-verify caches the JWKS and its imported keys; WebCrypto imports the one key). Only the
// `cold` rows include key parsing/import, on every call.
import init, * as tl from '/pkg/bench.js';
import { jwtVerify } from '/node_modules/jose/dist/webapi/jwt/verify.js';
import { createLocalJWKSet } from '/node_modules/jose/dist/webapi/jwks/local.js';
import { decodeJwt } from '/node_modules/jose/dist/webapi/util/decode_jwt.js';
import { CognitoJwtVerifier } from '/node_modules/aws-jwt-verify/dist/esm/cognito-verifier.js';
import { decomposeUnverifiedJwt } from '/node_modules/aws-jwt-verify/dist/esm/jwt.js';

const ready = init({ module_or_path: '/pkg/bench_bg.wasm' });
document.getElementById('isolation').textContent = `crossOriginIsolated: ${self.crossOriginIsolated}`;

let sink = 0; // results feed this, so no call can be optimised away
const keep = (r) => {
  sink = (sink + (typeof r === 'number' ? r : r ? 1 : 0)) | 0;
};

/** The smallest step performance.now() takes (5 µs when cross-origin isolated, else 100 µs). */
function timerStep() {
  let step = Infinity;
  for (let i = 0; i < 200; i++) {
    const a = performance.now();
    let b = performance.now();
    while (b === a) b = performance.now();
    step = Math.min(step, b - a);
  }
  return Math.round(step * 1000) / 1000;
}

async function batch(f, n, isAsync) {
  const t0 = performance.now();
  if (isAsync) for (let i = 0; i < n; i++) keep(await f());
  else for (let i = 0; i < n; i++) keep(f());
  return performance.now() - t0;
}

/**
 * µs per call: grows the batch until it lasts `batchMs` (this also warms the code up), then runs
 * `batches` batches and keeps the median batch. Every call's result is consumed.
 */
async function perCall(f, isAsync, { batchMs, batches }) {
  let n = 1;
  for (let t = await batch(f, n, isAsync); t < batchMs / 2; t = await batch(f, n, isAsync)) {
    n = t < 1 ? n * 8 : Math.ceil((n * batchMs) / t);
  }
  const us = [];
  for (let b = 0; b < batches; b++) us.push(((await batch(f, n, isAsync)) * 1000) / n);
  us.sort((a, b) => a - b);
  return { us: us[us.length >> 1], n, batches: us };
}

const b64uBytes = (s) => {
  const bin = atob(s.replace(/-/g, '+').replace(/_/g, '/'));
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
};

/** The plainest decode a page could do: split, base64url → bytes → UTF-8 → JSON.parse. */
function jsFloorDecode(token) {
  const [h, p] = token.split('.');
  const utf8 = new TextDecoder();
  return [JSON.parse(utf8.decode(b64uBytes(h))), JSON.parse(utf8.decode(b64uBytes(p)))];
}

const WEBCRYPTO = {
  RS256: { imp: { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' }, ver: { name: 'RSASSA-PKCS1-v1_5' } },
  ES256: { imp: { name: 'ECDSA', namedCurve: 'P-256' }, ver: { name: 'ECDSA', hash: 'SHA-256' } },
  EdDSA: { imp: { name: 'Ed25519' }, ver: { name: 'Ed25519' } },
};

/** One WebCrypto verify with everything prepared: the floor any browser verifier stands on. */
async function webcryptoFloor(c, jwk) {
  const w = WEBCRYPTO[c.alg];
  const key = await crypto.subtle.importKey('jwk', jwk, w.imp, false, ['verify']);
  const dot = c.token.lastIndexOf('.');
  const data = new TextEncoder().encode(c.token.slice(0, dot));
  const sig = b64uBytes(c.token.slice(dot + 1));
  return { w, key, data, sig, verify: () => crypto.subtle.verify(w.ver, key, sig, data) };
}

window.runMicro = async (input, opts) => {
  await ready;
  const o = { batchMs: 50, batches: 5, warmupMs: 100, ...opts };
  const jwksText = JSON.stringify(input.jwks, null, 2);
  const keys = new tl.Keys(jwksText);
  const joseSet = createLocalJWKSet(input.jwks);
  const ajvFor = (tokenUse) => {
    const v = CognitoJwtVerifier.create({ userPoolId: input.poolId, tokenUse, clientId: input.clientId });
    v.cacheJwks(input.jwks);
    return v;
  };
  const ajv = { id: ajvFor('id'), access: ajvFor('access') };

  const metrics = {};
  const checks = {};
  const tasks = [];
  const run = (name, f, isAsync, check) => tasks.push({ name, f, isAsync, check });

  for (const c of input.cases) {
    const jwk = input.jwks.keys.find((k) => k.kid === c.kid);
    const floor = await webcryptoFloor(c, jwk);
    const v = ajv[c.tokenUse];
    const t = c.token;
    // tokenlens's verify row is the page's path (plan, WebCrypto, conclude); RustCrypto (the
    // native path and the second opinion) is a second row.
    run(`verify/${c.id}/tokenlens`, () => tl.verify_webcrypto(t, keys), true, () => tl.verify_webcrypto(t, keys));
    run(`verify/${c.id}/tokenlens-rustcrypto`, () => tl.verify(t, keys), false, () => tl.verify(t, keys));
    run(`verify/${c.id}/jose`, () => jwtVerify(t, joseSet), true, async () => !!(await jwtVerify(t, joseSet)).payload && 'valid');
    run(`verify/${c.id}/aws-jwt-verify`, () => v.verify(t), true, async () => !!(await v.verify(t)) && 'valid');
    run(`verify/${c.id}/webcrypto`, floor.verify, true, async () => ((await floor.verify()) ? 'valid' : 'invalid'));
    run(`decode/${c.id}/tokenlens`, () => tl.decode(t), false, () => (tl.decode(t) > 0 ? 'decoded' : 'failed'));
    run(`decode/${c.id}/jose`, () => decodeJwt(t), false, () => (decodeJwt(t).iss ? 'decoded' : 'failed'));
    run(`decode/${c.id}/aws-jwt-verify`, () => decomposeUnverifiedJwt(t), false, () => (decomposeUnverifiedJwt(t).payload.iss ? 'decoded' : 'failed'));
    run(`decode/${c.id}/js-floor`, () => jsFloorDecode(t), false, () => (jsFloorDecode(t)[1].iss ? 'decoded' : 'failed'));
    run(`pipeline/${c.id}/tokenlens`, () => tl.inspect(t, keys), false, () => tl.inspect(t, keys));
  }

  // Cold: a fresh key set on every call (parse/import included), Cognito ID token only.
  const c = input.cases[0];
  const t = c.token;
  const cognitoText = JSON.stringify(input.cognitoJwks, null, 2);
  const tlCold = () => {
    const k = new tl.Keys(cognitoText);
    const r = tl.verify(t, k);
    k.free();
    return r;
  };
  const joseCold = () => jwtVerify(t, createLocalJWKSet(JSON.parse(cognitoText)));
  const ajvCold = () => {
    const v = CognitoJwtVerifier.create({ userPoolId: input.poolId, tokenUse: 'id', clientId: input.clientId });
    v.cacheJwks(JSON.parse(cognitoText));
    return v.verify(t);
  };
  const jwk = input.cognitoJwks.keys.find((k) => k.kid === c.kid);
  const wcCold = async () => {
    const f = await webcryptoFloor(c, jwk);
    return f.verify();
  };
  run(`cold/${c.id}/tokenlens`, tlCold, false, () => tlCold());
  run(`cold/${c.id}/jose`, joseCold, true, async () => !!(await joseCold()).payload && 'valid');
  run(`cold/${c.id}/aws-jwt-verify`, ajvCold, true, async () => !!(await ajvCold()) && 'valid');
  run(`cold/${c.id}/webcrypto`, wcCold, true, async () => ((await wcCold()) ? 'valid' : 'invalid'));
  run(`pipeline-keys/${c.id}/tokenlens`, () => tl.inspect_with_key_text(t, jwksText), false, () => tl.inspect_with_key_text(t, jwksText));

  // The 1 MiB paste: tokenlens's own work (the app adds Yew and the browser's layout).
  const big = input.bigPaste;
  run('pipeline/paste-1mib/tokenlens', () => tl.inspect(big, keys), false, () => tl.inspect(big, keys));

  // Check each result once, then warm everything up (V8 compiles wasm with a baseline tier
  // first and optimises hot functions in the background; JS likewise), then time.
  for (const t of tasks) {
    try {
      checks[t.name] = await t.check();
    } catch (e) {
      checks[t.name] = `threw ${e?.constructor?.name}: ${e?.message}`;
    }
  }
  for (const t of tasks) {
    const until = performance.now() + o.warmupMs;
    while (performance.now() < until) await batch(t.f, 1, t.isAsync);
  }
  for (const t of tasks) metrics[t.name] = await perCall(t.f, t.isAsync, o);

  return {
    crossOriginIsolated: self.crossOriginIsolated,
    timerStepMs: timerStep(),
    userAgent: navigator.userAgent,
    metrics,
    checks,
    sink,
    shareFragment: tl.share_fragment(input.cases[0].token, cognitoText),
    keysRead: keys.count(),
  };
};
window.benchReady = ready.then(() => true);

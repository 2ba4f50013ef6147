// The benchmark driver (scripts/bench.sh runs it after building): one headless Chromium, the
// release app and bench pages served with cross-origin isolation by bench/serve.mjs, tokenlens
// measured next to jose 6.2, aws-jwt-verify 5.2.1 and the bare WebCrypto call on the same tokens.
// Prints a table of absolute figures and ratios (median [min–max] over page loads or rounds) and
// writes everything to target/bench/bench.json. A benchmark, not a test: it asserts nothing
// about time; it only warns when a verifier did not accept a token (a figure for a failure path
// would not compare like with like).
//
// Options (environment): BENCH_LOADS (per-call page loads, 5), BENCH_NAV (navigation rounds,
// 11), BENCH_KEYS (keystrokes per page and token, 40), BENCH_PASTES (1 MiB pastes, 5),
// BENCH_BATCH_MS (50), BENCH_BATCHES (5), BENCH_WARMUP_MS (100 per function), BENCH_OUT (target/bench/bench.json).
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { chromium } from 'playwright-core';
import { brotli } from '../scripts/precompress.mjs';
import { REPO, startServer } from './serve.mjs';
import { makeTokens } from './tokens.mjs';

const env = (name, dflt) => Number(process.env[name] ?? dflt);
const OPTS = {
  loads: env('BENCH_LOADS', 5),
  nav: env('BENCH_NAV', 11),
  keys: env('BENCH_KEYS', 40),
  pastes: env('BENCH_PASTES', 5),
  batchMs: env('BENCH_BATCH_MS', 50),
  warmupMs: env('BENCH_WARMUP_MS', 100),
  batches: env('BENCH_BATCHES', 5),
};
const OUT = process.env.BENCH_OUT ?? path.join(REPO, 'target', 'bench', 'bench.json');
const ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
const say = (...a) => console.error('bench:', ...a);

// ---- statistics ----

const sorted = (xs) => [...xs].sort((a, b) => a - b);
const quantile = (xs, q) => {
  const s = sorted(xs);
  return s.length ? s[Math.min(s.length - 1, Math.floor(q * s.length))] : NaN;
};
const median = (xs) => {
  const s = sorted(xs);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const summary = (xs) => (xs.length ? { median: median(xs), min: Math.min(...xs), max: Math.max(...xs), n: xs.length, all: xs } : null);

// ---- in-page probes (installed before any page script runs) ----

/**
 * Navigation: the first frame painted after an element with `data-verdict` shows the link's
 * token (for tokenlens: the paste area holds the link's token, so the demo's verdict does not
 * count; if a verdict was shown before that, the load "flashed"). Keystrokes and pastes: see
 * `__benchSettle`. "Painted" = a message posted from a requestAnimationFrame callback: it runs
 * once that frame's style, layout and paint are done.
 */
function probe({ token }) {
  const afterFrame = (cb) =>
    requestAnimationFrame(() => {
      const mc = new MessageChannel();
      mc.port1.onmessage = () => cb(performance.now());
      mc.port2.postMessage(0);
    });
  let flashed = false;
  const check = () => {
    if (window.__benchNav || window.__benchNavDom) return;
    // tokenlens shows `pending` while WebCrypto checks the signature: not a verdict yet.
    const el = document.querySelector('[data-testid="verdict"][data-verdict]:not([data-verdict="pending"])');
    if (!el) return;
    const ta = document.querySelector('textarea#token-input');
    if (!ta || ta.value.trim() !== token) {
      if (!flashed) flashed = { at: performance.now(), verdict: el.dataset.verdict };
      return;
    }
    const dom = performance.now();
    window.__benchNavDom = dom;
    afterFrame((painted) => {
      window.__benchNav = { dom, painted, verdict: el.dataset.verdict, flashed };
    });
  };
  new MutationObserver(check).observe(document, { subtree: true, childList: true, attributes: true, characterData: true });

  /**
   * Resolves once the page has settled after an input at `t0`: Yew renders from a microtask but
   * yields to the browser (setTimeout) every 16 ms of work, so "the next frame" may come before
   * the render has finished. Settled = two frames in a row with no DOM mutation and nothing
   * pending (`__benchPending`: the jose page's asynchronous verify; tokenlens's verdict
   * `pending` while WebCrypto checks the signature). Returns, in ms from t0:
   * `dom` (last DOM mutation: script work done), `frame` (end of the first frame after it) and
   * `layout` (style + layout summed over those frames, forced and timed in each rAF callback).
   */
  window.__benchSettle = (t0) =>
    new Promise((resolve) => {
      let lastMutation = null;
      const mo = new MutationObserver(() => (lastMutation = performance.now()));
      mo.observe(document, { subtree: true, childList: true, attributes: true, characterData: true });
      const frames = [];
      let layout = 0;
      let quiet = 0;
      const tick = () =>
        requestAnimationFrame(() => {
          const raf = performance.now();
          void document.body.offsetHeight;
          layout += performance.now() - raf;
          const mc = new MessageChannel();
          mc.port1.onmessage = () => {
            frames.push({ raf, end: performance.now() });
            const changed = lastMutation !== null && lastMutation >= raf;
            const busy = window.__benchPending || document.querySelector('[data-verdict="pending"]');
            quiet = busy || changed || lastMutation === null ? 0 : quiet + 1;
            const gaveUp = lastMutation === null && frames.length >= 10;
            if (quiet < 2 && !gaveUp && frames.length < 1000) return tick();
            mo.disconnect();
            const after = frames.find((f) => lastMutation === null || f.raf > lastMutation) ?? frames[0];
            resolve({
              dom: lastMutation === null ? null : lastMutation - t0,
              frame: after.end - t0,
              layout,
              frames: frames.indexOf(after) + 1,
            });
          };
          mc.port2.postMessage(0);
        });
      tick();
    });

  window.__benchKeys = [];
  addEventListener(
    'keydown',
    (e) => {
      const now = performance.now();
      const t0 = e.timeStamp > 0 && e.timeStamp <= now ? e.timeStamp : now;
      window.__benchSettle(t0).then((r) => window.__benchKeys.push(r));
    },
    true,
  );
  // Trunk's loader announces the instantiated module; keep its memory to read its size.
  addEventListener('TrunkApplicationStarted', (e) => {
    window.__benchWasmMemory = e?.detail?.wasm?.memory ?? null;
  });
}

async function freshPage(browser, token) {
  const context = await browser.newContext();
  await context.addInitScript(probe, { token });
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  return { context, page, errors };
}

// ---- phases ----

async function microLoads(browser, origin, input) {
  const loads = [];
  for (let i = 0; i < OPTS.loads; i++) {
    const { context, page, errors } = await freshPage(browser, '');
    await page.goto(`${origin}/bench/micro.html`);
    await page.waitForFunction(() => window.benchReady);
    await page.evaluate(() => window.benchReady);
    const r = await page.evaluate(({ input, opts }) => window.runMicro(input, opts), {
      input,
      opts: { batchMs: OPTS.batchMs, batches: OPTS.batches, warmupMs: OPTS.warmupMs },
    });
    if (errors.length) say(`micro page errors: ${errors.join('; ')}`);
    await context.close();
    say(`per-call load ${i + 1}/${OPTS.loads} done (crossOriginIsolated=${r.crossOriginIsolated}, timer step ${r.timerStepMs} ms)`);
    loads.push(r);
  }
  return loads;
}

async function navigate(browser, url, token, transfer) {
  const { context, page, errors } = await freshPage(browser, token);
  const bodies = [];
  if (transfer) {
    page.on('response', (r) =>
      bodies.push(r.body().then((b) => ({ url: r.url().split('#')[0], body: b }), () => null)),
    );
  }
  await page.goto(url, { waitUntil: 'commit' });
  const nav = await (await page.waitForFunction(() => window.__benchNav, null, { timeout: 60_000 })).jsonValue();
  // Paint timing entries arrive asynchronously (at presentation): wait a little for FCP.
  nav.fcp = await page
    .waitForFunction(() => performance.getEntriesByName('first-contentful-paint')[0]?.startTime, null, { timeout: 5_000 })
    .then((h) => h.jsonValue(), () => null);
  // Compressed only after the load has been measured (Brotli takes seconds of the same cores).
  const files = transfer ? (await Promise.all(bodies)).filter(Boolean) : null;
  if (errors.length) say(`page errors on ${url.split('#')[0]}: ${errors.join('; ')}`);
  await context.close();
  return { ...nav, files: files?.map(({ url, body }) => ({ url, raw: body.length, gzip: gzipSync(body, { level: 9 }).length, brotli: brotliSize(body, url) })) };
}

async function navigation(browser, links, token) {
  const out = { tokenlens: [], jose: [], transfer: {} };
  for (let r = 0; r < OPTS.nav; r++) {
    // Interleaved, alternating which goes first, each in a fresh context (empty cache).
    const order = r % 2 ? ['tokenlens', 'jose'] : ['jose', 'tokenlens'];
    for (const who of order) {
      const n = await navigate(browser, links[who], token, r === 0);
      if (n.files) out.transfer[who] = n.files;
      delete n.files;
      out[who].push(n);
    }
  }
  say(`navigation: ${OPTS.nav} interleaved rounds done`);
  return out;
}

async function keystrokes(browser, link, token) {
  const { context, page, errors } = await freshPage(browser, token);
  await page.goto(link);
  await page.waitForFunction(() => window.__benchNav, null, { timeout: 60_000 });
  const ta = page.locator('textarea#token-input');
  await ta.focus();
  const type = async (count, done, polling = 'raf') => {
    for (let k = 0; k < count; k++) {
      // Replace one signature character (same length: the full verification runs every time).
      await page.evaluate(() => {
        const el = document.querySelector('textarea#token-input');
        el.focus();
        el.setSelectionRange(el.value.length - 10, el.value.length - 9);
      });
      await page.keyboard.press(k % 2 ? 'B' : 'A');
      await page.waitForFunction((n) => window.__benchKeys.length >= n, done + k + 1, { polling });
    }
  };
  await type(OPTS.keys, 0);
  const samples = (await page.evaluate(() => window.__benchKeys)).map((k) => k.frame);
  // The same keystrokes again, traced: the main thread's work per keystroke, which the frame
  // figures above round to the display's 16.7 ms frames. Not timed together with them (tracing
  // slows the page). Playwright polls every 50 ms here, not every frame, to keep its own script
  // out of the page's main thread. v8.execute has the microtasks (a promise's continuation, such
  // as WebCrypto's answer reaching the page); the disabled-by-default category has Commit.
  await browser.startTracing(page, { categories: ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'v8.execute'] });
  await type(OPTS.keys, OPTS.keys, 50);
  const traced = mainThreadWork(JSON.parse(String(await browser.stopTracing())).traceEvents);
  if (traced.length !== OPTS.keys) say(`WARNING: the trace has ${traced.length} keydowns for ${OPTS.keys} keystrokes`);
  if (errors.length) say(`page errors while typing: ${errors.join('; ')}`);
  await context.close();
  return { frames: samples, traced };
}

// Main-thread trace events, by what they are: script (event handlers, timers, callbacks,
// microtasks) and the browser's rendering of the result (style, layout, paint, and handing the
// frame to the compositor). Rendering forced from a script counts as rendering.
const RENDERING = new Set(['UpdateLayoutTree', 'Layout', 'PrePaint', 'Paint', 'Layerize', 'Commit', 'UpdateLayer']);
const SCRIPT = new Set(['EventDispatch', 'TimerFire', 'FunctionCall', 'RunMicrotasks', 'FireAnimationFrame', 'v8.callFunction']);

/**
 * A trace's main-thread work per keystroke, in ms: each event belongs to the last keydown before
 * it; script and rendering are summed with overlaps counted once. Returns one sample per keystroke.
 */
function mainThreadWork(events) {
  const threads = new Map();
  for (const e of events) {
    if (e.ph !== 'X' || !(SCRIPT.has(e.name) || RENDERING.has(e.name))) continue;
    const k = `${e.pid}:${e.tid}`;
    if (!threads.has(k)) threads.set(k, []);
    threads.get(k).push(e);
  }
  // The page's main thread: the one with the most script and rendering.
  const main = ([...threads.values()].sort((a, b) => b.length - a.length)[0] ?? []).sort((a, b) => a.ts - b.ts);
  const union = (evs) => {
    let total = 0;
    let end = -Infinity;
    for (const e of evs) {
      const b = e.ts + (e.dur ?? 0);
      if (b <= end) continue;
      total += b - Math.max(e.ts, end);
      end = b;
    }
    return total / 1000;
  };
  for (const name of ['EventDispatch', 'RunMicrotasks', 'Layout', 'Paint', 'Commit']) {
    if (!main.some((e) => e.name === name)) say(`WARNING: no ${name} event in the keystroke trace; its time is not counted`);
  }
  const starts = main.filter((e) => e.name === 'EventDispatch' && e.args?.data?.type === 'keydown').map((e) => e.ts);
  return starts.map((t, i) => {
    const mine = main.filter((e) => e.ts >= t && e.ts < (starts[i + 1] ?? Infinity));
    const rendering = union(mine.filter((e) => RENDERING.has(e.name)));
    return { script: union(mine) - rendering, rendering };
  });
}

async function bigPaste(browser, link, token, text) {
  const { context, page, errors } = await freshPage(browser, token);
  await page.goto(link);
  await page.waitForFunction(() => window.__benchNav, null, { timeout: 60_000 });
  const memory = () => page.evaluate(() => window.__benchWasmMemory?.buffer?.byteLength ?? null);
  const before = await memory();
  const set = (value) =>
    page.evaluate(async (value) => {
      const ta = document.querySelector('textarea#token-input');
      await window.__benchSettle(performance.now()); // start from a quiet page
      ta.value = value;
      const t0 = performance.now();
      ta.dispatchEvent(new InputEvent('input', { bubbles: true, inputType: value ? 'insertFromPaste' : 'deleteContentBackward' }));
      return window.__benchSettle(t0);
    }, value);
  const pastes = [];
  for (let i = 0; i < OPTS.pastes; i++) {
    const paste = await set(text);
    const afterPaste = await memory();
    const clear = await set('');
    pastes.push({ paste, clear, memoryAfterPaste: afterPaste, memoryAfterClear: await memory() });
  }
  if (errors.length) say(`page errors on the 1 MiB paste: ${errors.join('; ')}`);
  await context.close();
  say(`1 MiB paste: ${OPTS.pastes} pastes done`);
  return { memoryBefore: before, pastes };
}

/** Bytes of `b` as the build's `.br` copy of file `name` has them (scripts/precompress.mjs). */
const brotliSize = (b, name = '') => brotli(b, name).length;

function distSizes() {
  const dir = path.join(REPO, 'dist');
  const files = readdirSync(dir)
    .filter((f) => /\.(wasm|js|css)$/.test(f))
    .map((f) => {
      const b = readFileSync(path.join(dir, f));
      return { file: f, raw: b.length, gzip: gzipSync(b, { level: 9 }).length, brotli: brotliSize(b, f) };
    });
  return { files, raw: files.reduce((s, f) => s + f.raw, 0), gzip: files.reduce((s, f) => s + f.gzip, 0), brotli: files.reduce((s, f) => s + f.brotli, 0) };
}

// ---- report ----

const fmt = (x) =>
  x == null || Number.isNaN(x) ? '—' : x >= 100 ? x.toFixed(0) : x >= 10 ? x.toFixed(1) : x >= 1 ? x.toFixed(2) : x.toFixed(3);
const cell = (s) => (s ? `${fmt(s.median)} [${fmt(s.min)}–${fmt(s.max)}]` : '—');

function report(data) {
  const { micro, nav, keys, paste, dist } = data;
  const rows = [];
  const metric = (name) => {
    const xs = micro.map((l) => l.metrics[name]?.us).filter((x) => x != null);
    return xs.length ? summary(xs) : null;
  };
  const ratio = (a, b) => {
    const xs = micro.map((l) => l.metrics[a]?.us / l.metrics[b]?.us).filter((x) => Number.isFinite(x));
    return xs.length ? summary(xs) : null;
  };
  const best = (kind, id, peers) => {
    const scored = peers.map((p) => ({ p, s: metric(`${kind}/${id}/${p}`) })).filter((x) => x.s);
    scored.sort((a, b) => a.s.median - b.s.median);
    return scored[0];
  };
  const caseLabel = Object.fromEntries(data.cases.map((c) => [c.id, `${c.label} (${c.length} chars)`]));
  const push = (row) => rows.push(row);

  for (const c of data.cases) {
    const b = best('verify', c.id, ['jose', 'aws-jwt-verify']);
    push({
      what: `verify, µs/call: ${caseLabel[c.id]}`,
      unit: 'µs',
      tokenlens: metric(`verify/${c.id}/tokenlens`),
      peer: b.p,
      peerFigure: b.s,
      ratio: ratio(`verify/${c.id}/tokenlens`, `verify/${c.id}/${b.p}`),
      others: {
        'tokenlens with RustCrypto': metric(`verify/${c.id}/tokenlens-rustcrypto`),
        jose: metric(`verify/${c.id}/jose`),
        'aws-jwt-verify': metric(`verify/${c.id}/aws-jwt-verify`),
        'WebCrypto floor': metric(`verify/${c.id}/webcrypto`),
      },
    });
  }
  for (const c of data.cases) {
    const b = best('decode', c.id, ['jose', 'aws-jwt-verify']);
    push({
      what: `decode, µs/call: ${caseLabel[c.id]}`,
      unit: 'µs',
      tokenlens: metric(`decode/${c.id}/tokenlens`),
      peer: b.p,
      peerFigure: b.s,
      ratio: ratio(`decode/${c.id}/tokenlens`, `decode/${c.id}/${b.p}`),
      others: {
        jose: metric(`decode/${c.id}/jose`),
        'aws-jwt-verify': metric(`decode/${c.id}/aws-jwt-verify`),
        'JS floor (atob + JSON.parse)': metric(`decode/${c.id}/js-floor`),
      },
    });
  }
  for (const c of data.cases) {
    push({
      what: `whole per-keystroke pipeline, µs/call: ${caseLabel[c.id]} (vs jose verify)`,
      unit: 'µs',
      tokenlens: metric(`pipeline/${c.id}/tokenlens`),
      peer: 'jose verify',
      peerFigure: metric(`verify/${c.id}/jose`),
      ratio: ratio(`pipeline/${c.id}/tokenlens`, `verify/${c.id}/jose`),
    });
  }
  const c0 = data.cases[0];
  push({
    what: `pipeline with the JWKS text parsed too (keys-box keystroke), µs: ${caseLabel[c0.id]}`,
    unit: 'µs',
    tokenlens: metric(`pipeline-keys/${c0.id}/tokenlens`),
    peer: 'jose verify',
    peerFigure: metric(`verify/${c0.id}/jose`),
    ratio: ratio(`pipeline-keys/${c0.id}/tokenlens`, `verify/${c0.id}/jose`),
  });
  {
    const b = best('cold', c0.id, ['jose', 'aws-jwt-verify']);
    push({
      what: `verify INCLUDING key parse/import (fresh key set each call), µs: ${caseLabel[c0.id]}`,
      unit: 'µs',
      tokenlens: metric(`cold/${c0.id}/tokenlens`),
      peer: b.p,
      peerFigure: b.s,
      ratio: ratio(`cold/${c0.id}/tokenlens`, `cold/${c0.id}/${b.p}`),
      others: {
        jose: metric(`cold/${c0.id}/jose`),
        'aws-jwt-verify': metric(`cold/${c0.id}/aws-jwt-verify`),
        'WebCrypto floor': metric(`cold/${c0.id}/webcrypto`),
      },
    });
  }
  // Navigation: paired per round.
  const navT = nav.tokenlens.map((n) => n.painted);
  const navJ = nav.jose.map((n) => n.painted);
  push({
    what: 'navigation → verdict painted, ms: share link with token + JWKS (fresh context)',
    unit: 'ms',
    tokenlens: summary(navT),
    peer: 'jose page',
    peerFigure: summary(navJ),
    ratio: summary(navT.map((t, i) => t / navJ[i])),
    others: {
      'first contentful paint, tokenlens': summary(nav.tokenlens.map((n) => n.fcp ?? NaN).filter(Number.isFinite)),
      'jose page': summary(nav.jose.map((n) => n.fcp ?? NaN).filter(Number.isFinite)),
      'tokenlens loads with another verdict in the DOM first (the demo)': { count: nav.tokenlens.filter((n) => n.flashed).length, of: nav.tokenlens.length },
      'of which painted (first contentful paint before the link verdict)': {
        count: nav.tokenlens.filter((n) => n.flashed && n.fcp != null && n.fcp < n.dom).length,
        of: nav.tokenlens.length,
      },
      'that verdict shown at, ms': summary(nav.tokenlens.filter((n) => n.flashed).map((n) => n.flashed.at)),
    },
  });
  for (const k of keys) {
    const t = k.tokenlens;
    const j = k.jose;
    push({
      what: `keystroke → frame painted after the last DOM change, ms, median: ${caseLabel[k.id]}`,
      unit: 'ms',
      tokenlens: summary(t),
      peer: 'jose page',
      peerFigure: summary(j),
      ratio: { median: median(t) / median(j), min: NaN, max: NaN },
      others: { 'tokenlens p90': quantile(t, 0.9), 'jose page p90': quantile(j, 0.9), 'p90 ratio': quantile(t, 0.9) / quantile(j, 0.9) },
    });
  }
  for (const k of keys) {
    const { tokenlens: t, jose: j } = k.traced;
    const total = (w) => w.map((x) => x.script + x.rendering);
    const part = (w, key) => median(w.map((x) => x[key]));
    push({
      what: `keystroke: main-thread work, ms (traced; script + the browser's rendering): ${caseLabel[k.id]}`,
      unit: 'ms',
      tokenlens: summary(total(t)),
      peer: 'jose page',
      peerFigure: summary(total(j)),
      ratio: { median: median(total(t)) / median(total(j)), min: NaN, max: NaN },
      others: {
        'tokenlens script': part(t, 'script'),
        'tokenlens rendering': part(t, 'rendering'),
        'tokenlens p90': quantile(total(t), 0.9),
        'jose page script': part(j, 'script'),
        'jose page rendering': part(j, 'rendering'),
        'jose page p90': quantile(total(j), 0.9),
      },
    });
  }
  push({
    what: "1 MiB paste: tokenlens's own work (core pipeline, wasm), ms",
    unit: 'ms',
    tokenlens: (() => {
      const s = metric('pipeline/paste-1mib/tokenlens');
      return s && { ...s, median: s.median / 1000, min: s.min / 1000, max: s.max / 1000, all: s.all.map((x) => x / 1000) };
    })(),
  });
  push({ what: '1 MiB paste in the app: input → frame painted after the last DOM change, ms', unit: 'ms', tokenlens: summary(paste.pastes.map((p) => p.paste.frame)) });
  push({ what: '1 MiB paste in the app: input → last DOM change (wasm core + Yew + DOM), ms', unit: 'ms', tokenlens: summary(paste.pastes.map((p) => p.paste.dom).filter((x) => x != null)) });
  push({ what: "1 MiB paste in the app: browser's style + layout (sum over those frames), ms", unit: 'ms', tokenlens: summary(paste.pastes.map((p) => p.paste.layout)) });
  push({ what: '1 MiB paste in the app: everything but style + layout (frame − layout: wasm, Yew, DOM, paint), ms', unit: 'ms', tokenlens: summary(paste.pastes.map((p) => p.paste.frame - p.paste.layout)) });
  push({ what: '1 MiB paste cleared: input → frame painted after the last DOM change, ms', unit: 'ms', tokenlens: summary(paste.pastes.map((p) => p.clear.frame)) });
  const mb = (x) => (x == null ? NaN : x / 1048576);
  push({
    what: 'wasm memory, MB: before / after the 1 MiB paste / after clearing it',
    unit: 'MB',
    tokenlens: summary(paste.pastes.map((p) => mb(p.memoryAfterClear))),
    others: { before: mb(paste.memoryBefore), afterPaste: summary(paste.pastes.map((p) => mb(p.memoryAfterPaste))) },
  });
  const sum = (files, key) => files.reduce((s, f) => s + f[key], 0);
  const kb = (x) => x / 1000;
  const jsFiles = nav.transfer.jose ?? [];
  const tlFiles = nav.transfer.tokenlens ?? [];
  push({
    what: 'transfer, gzip -9 KB: dist/ wasm + js + css (tokenlens) vs the jose page',
    unit: 'KB',
    tokenlens: { median: kb(dist.gzip), min: kb(dist.gzip), max: kb(dist.gzip) },
    peer: 'jose page',
    peerFigure: { median: kb(sum(jsFiles, 'gzip')), min: kb(sum(jsFiles, 'gzip')), max: kb(sum(jsFiles, 'gzip')) },
    ratio: { median: dist.gzip / sum(jsFiles, 'gzip'), min: NaN, max: NaN },
    others: {
      'tokenlens, every response of a load (incl. HTML), gzip KB': kb(sum(tlFiles, 'gzip')),
      'jose page files': `${jsFiles.length}`,
      'tokenlens dist raw KB': kb(dist.raw),
      'Brotli KB, tokenlens': kb(dist.brotli),
      'Brotli KB, jose page': kb(sum(jsFiles, 'brotli')),
    },
  });
  return rows;
}

function printTable(rows, meta) {
  const lines = [];
  lines.push(`tokenlens benchmark — ${meta.date}`);
  lines.push(
    `Chromium ${meta.chromium}; crossOriginIsolated=${meta.crossOriginIsolated}; performance.now() step ${meta.timerStepMs} ms; ` +
      `${meta.cpus} CPUs, load average ${meta.loadBefore.map((x) => x.toFixed(2)).join(' ')} at start, ${meta.loadAfter.map((x) => x.toFixed(2)).join(' ')} at end`,
  );
  lines.push(
    `median [min–max] over ${meta.options.loads} page loads (per-call rows), ${meta.options.nav} interleaved navigation rounds, ` +
      `${meta.options.keys} keystrokes per page, ${meta.options.pastes} pastes. Ratio = tokenlens ÷ best JS peer (< 1 is faster), paired per load/round.`,
  );
  lines.push('');
  lines.push('| what | tokenlens | best JS peer | ratio | also measured |');
  lines.push('|---|---|---|---|---|');
  for (const r of rows) {
    const others = Object.entries(r.others ?? {})
      .map(([k, v]) => `${k}: ${typeof v === 'string' ? v : typeof v === 'number' ? fmt(v) : v?.count != null ? `${v.count} of ${v.of}` : cell(v)}`)
      .join('; ');
    const ratio = r.ratio ? (Number.isNaN(r.ratio.min) ? `${fmt(r.ratio.median)}×` : `${fmt(r.ratio.median)}× [${fmt(r.ratio.min)}–${fmt(r.ratio.max)}]`) : '—';
    lines.push(`| ${r.what} | ${cell(r.tokenlens)} | ${r.peer ? `${r.peer} ${cell(r.peerFigure)}` : '—'} | ${ratio} | ${others} |`);
  }
  lines.push('');
  lines.push('Key import: per-call verify and pipeline rows EXCLUDE key parsing/import (done once before timing, for every');
  lines.push('library); only the "INCLUDING key parse/import" row and the navigation row include it.');
  return lines.join('\n');
}

// ---- main ----

const loadBefore = os.loadavg();
const tokens = makeTokens();
const input = {
  jwks: tokens.jwks,
  cognitoJwks: tokens.cognitoJwks,
  cases: tokens.cases,
  bigPaste: tokens.bigPaste,
  poolId: tokens.poolId,
  clientId: tokens.clientId,
};
const server = await startServer();
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium', args: ARGS });
let data;
try {
  say(`serving on ${server.origin}; Chromium ${browser.version()}; options ${JSON.stringify(OPTS)}`);
  const micro = await microLoads(browser, server.origin, input);
  for (const [name, ok] of Object.entries(micro[0].checks)) {
    if (!(ok === 'valid' || ok === 'decoded' || (typeof ok === 'number' && ok > 0)))
      say(`WARNING: ${name} did not succeed on its token (${ok}); its figure times a failure path`);
  }
  const fragment = micro[0].shareFragment;
  const id = tokens.cases[0];
  const links = { tokenlens: `${server.origin}/app/#${fragment}`, jose: `${server.origin}/bench/jose-page.html#${fragment}` };
  const nav = await navigation(browser, links, id.token);
  for (const who of ['tokenlens', 'jose']) {
    const bad = nav[who].filter((n) => n.verdict !== 'valid');
    if (bad.length) say(`WARNING: ${who} showed verdict ${bad[0].verdict} for the share link`);
  }

  const keys = [];
  for (const c of [tokens.cases[0], tokens.cases.find((x) => x.id === 'id-16k')]) {
    const frag = await (async () => {
      const { context, page } = await freshPage(browser, '');
      await page.goto(`${server.origin}/bench/micro.html`);
      await page.evaluate(() => window.benchReady);
      const f = await page.evaluate(
        async ({ token, jwks }) => (await import('/pkg/bench.js')).share_fragment(token, jwks),
        { token: c.token, jwks: JSON.stringify(tokens.cognitoJwks, null, 2) },
      );
      await context.close();
      return f;
    })();
    const tl = await keystrokes(browser, `${server.origin}/app/#${frag}`, c.token);
    const jo = await keystrokes(browser, `${server.origin}/bench/jose-page.html#${frag}`, c.token);
    keys.push({ id: c.id, tokenlens: tl.frames, jose: jo.frames, traced: { tokenlens: tl.traced, jose: jo.traced } });
    say(`keystrokes: ${c.id} done`);
  }
  const paste = await bigPaste(browser, links.tokenlens, id.token, tokens.bigPaste);
  data = {
    cases: tokens.cases.map((c) => ({ id: c.id, label: c.label, alg: c.alg, length: c.token.length })),
    micro,
    nav,
    keys,
    paste,
    dist: distSizes(),
  };
  data.meta = {
    date: new Date().toISOString(),
    chromium: browser.version(),
    crossOriginIsolated: micro.every((m) => m.crossOriginIsolated),
    timerStepMs: Math.max(...micro.map((m) => m.timerStepMs)),
    cpus: os.cpus().length,
    loadBefore,
    loadAfter: os.loadavg(),
    options: OPTS,
    versions: {
      jose: JSON.parse(readFileSync(path.join(REPO, 'node_modules/jose/package.json'), 'utf8')).version,
      'aws-jwt-verify': JSON.parse(readFileSync(path.join(REPO, 'node_modules/aws-jwt-verify/package.json'), 'utf8')).version,
    },
  };
} finally {
  await browser.close();
  await server.close();
}
data.rows = report(data);
const table = printTable(data.rows, data.meta);
for (const m of data.micro) delete m.sink;
mkdirSync(path.dirname(OUT), { recursive: true });
writeFileSync(OUT, JSON.stringify(data, null, 1));
console.log(table);
console.log(`\nAll figures and raw samples: ${path.relative(process.cwd(), OUT)}`);

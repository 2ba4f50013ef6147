#!/usr/bin/env node
// Offline build: one self-contained HTML file (CSS, JS glue and wasm inlined) that works when
// opened from disk (file://), for air-gapped use.
//
//   node scripts/build-offline.mjs <dist dir> <out file>
//
// Reads Trunk's release output (index.html with its inline module loader, the wasm-bindgen glue
// `tokenlens-<hash>.js`, the `_bg.wasm` and the stylesheet) and writes one HTML file:
// - the stylesheet in one <style>;
// - the glue inlined in one <script type="module"> (its `export` statement removed, its
//   `import.meta.url` default replaced) that calls init with the wasm bytes decoded from base64;
// - a Content-Security-Policy <meta> allowing exactly that script and that style by SHA-256.
// No dependencies: plain Node.
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';

const [distArg, outArg] = process.argv.slice(2);
if (!distArg || !outArg) {
  console.error('usage: node scripts/build-offline.mjs <dist dir> <out file>');
  process.exit(2);
}
const dist = path.resolve(distArg);
const out = path.resolve(outArg);
const fail = (msg) => {
  console.error(`build-offline: ${msg}`);
  process.exit(1);
};
const read = (name, enc) => {
  const file = path.join(dist, name);
  try {
    return readFileSync(file, enc);
  } catch (e) {
    return fail(`cannot read ${file}: ${e.message}`);
  }
};

let html = read('index.html', 'utf8');

// Trunk's loader: import init from './tokenlens-<hash>.js'; init({ module_or_path: './…_bg.wasm' }).
const loaderRe = /<script type="module">([\s\S]*?)<\/script>/;
const loader = html.match(loaderRe)?.[1] ?? fail('no inline module loader in index.html');
const jsName = loader.match(/from\s+['"]\.\/([^'"]+\.js)['"]/)?.[1] ?? fail('the loader imports no ./*.js');
const wasmName =
  loader.match(/module_or_path:\s*['"]\.\/([^'"]+\.wasm)['"]/)?.[1] ?? fail('the loader names no ./*.wasm');
const cssNames = [...html.matchAll(/<link\b[^>]*rel="stylesheet"[^>]*>/g)].map(
  ([tag]) => tag.match(/href="\.\/([^"]+)"/)?.[1] ?? fail(`stylesheet link without a relative href: ${tag}`),
);

// The glue as shipped: minified by the build (scripts/minify-glue.mjs), which keeps the names
// `__wbg_init` and `initSync` and its one export statement.
let glue = read(jsName, 'utf8');
const exportRe = /\bexport\s*\{\s*initSync\s*,\s*__wbg_init as default\s*\};?/g;
if ((glue.match(exportRe) ?? []).length !== 1) fail(`${jsName}: the wasm-bindgen export statement was not found once (glue changed?)`);
glue = glue.replace(exportRe, '');
if (/(^|[;{}])\s*(export|import)\b(?![.(])/m.test(glue)) fail(`${jsName}: other import/export statements remain`);
// The default wasm URL is never used (we pass bytes); keep the code valid outside a module URL.
glue = glue.replace(/new URL\((['"])[^'"]*_bg\.wasm\1,\s*import\.meta\.url\)/g, "new URL('tokenlens_bg.wasm', location.href)");
if (glue.includes('import.meta')) fail(`${jsName}: import.meta remains`);

const wasm = read(wasmName);
const css = cssNames.map((n) => read(n, 'utf8')).join('\n');

// The rest of Trunk's loader (after the import and the init call) stays as it was.
const after = loader
  .replace(/^\s*import[^\n]*\n/m, '')
  .replace(/const wasm = await init\(\{[^}]*\}\);/, '')
  .replace(/window\.wasmBindings = bindings;/, 'window.wasmBindings = { default: __wbg_init, initSync };')
  // The glue has its own top-level `wasm`; Trunk's event names the instance's exports.
  .replace(/\{\s*detail:\s*\{\s*wasm\s*\}\s*\}/, '{ detail: { wasm: __tl_wasm_exports } }');

const script = `
// tokenlens offline build: the wasm-bindgen glue from ${jsName}, then the wasm from ${wasmName}.
${glue}
const __tl_wasm_b64 = "${wasm.toString('base64')}";
const __tl_wasm_bytes = (() => {
  const s = atob(__tl_wasm_b64);
  const b = new Uint8Array(s.length);
  for (let i = 0; i < s.length; i++) b[i] = s.charCodeAt(i);
  return b;
})();
const __tl_wasm_exports = await __wbg_init({ module_or_path: __tl_wasm_bytes });
${after}
`;
for (const [what, text, end] of [
  ['script', script, '</script'],
  ['style', css, '</style'],
]) {
  if (text.toLowerCase().includes(end) || (what === 'script' && text.includes('<!--'))) {
    fail(`the inlined ${what} contains "${end}" or "<!--": it cannot be inlined safely`);
  }
}

const sha = (text) => `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;
const policy = [
  "default-src 'none'",
  `script-src 'wasm-unsafe-eval' ${sha(script)}`,
  `style-src ${sha(css)}`,
  "connect-src https: http://127.0.0.1:* http://localhost:*",
  'img-src data:',
  "base-uri 'none'",
  "form-action 'none'",
].join('; ');

html = html.replace(/<meta http-equiv="Content-Security-Policy"[^>]*>\s*/g, '');
html = html.replace(/<link\b[^>]*rel="(?:modulepreload|preload)"[^>]*>/g, '');
html = html.replace(/<link\b[^>]*rel="stylesheet"[^>]*>\s*/g, '');
html = html.replace(loaderRe, () => '');
if (!/<meta charset="utf-8" \/>/.test(html)) fail('no <meta charset="utf-8" /> to anchor the policy');
html = html.replace(
  /<meta charset="utf-8" \/>/,
  (m) => `${m}\n    <meta http-equiv="Content-Security-Policy" content="${policy}" />`,
);
html = html.replace(/<\/head>/, () => `<style>${css}</style>\n<script type="module">${script}</script>\n</head>`);
// data: URLs (the page's empty favicon) are inline, not external.
if (/<(link|script)\b[^>]*\b(href|src)="(?!data:)/.test(html)) fail('an external link or script remains');

mkdirSync(path.dirname(out), { recursive: true });
writeFileSync(out, html);
console.log(`build-offline: wrote ${out} (${html.length} bytes; wasm ${wasm.length} bytes inlined)`);

// Trunk post-build hook: adds a Content-Security-Policy <meta> to index.html that allows only
// the page's own files, the inline loader Trunk writes (by its SHA-256 hash, so no other inline
// script can run), WebAssembly compilation, the page's own worker (RustCrypto's second
// opinion), and connections to https: and this machine (local
// key servers in tests). Runs on Trunk's staging directory, so `trunk serve` gets it too.
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const dir = process.env.TRUNK_STAGING_DIR ?? process.argv[2];
if (!dir) throw new Error('csp.mjs: no TRUNK_STAGING_DIR and no directory argument');
const file = join(dir, 'index.html');
let html = readFileSync(file, 'utf8');

const hashes = [...html.matchAll(/<script(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/g)].map(
  ([, body]) => `'sha256-${createHash('sha256').update(body, 'utf8').digest('base64')}'`,
);
export const policy = [
  "default-src 'self'",
  `script-src 'self' 'wasm-unsafe-eval' ${hashes.join(' ')}`.trim(),
  "worker-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self' https: http://127.0.0.1:* http://localhost:*",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
].join('; ');

html = html.replace(/<meta http-equiv="Content-Security-Policy"[^>]*>\s*/g, '');
html = html.replace(
  /<meta charset="utf-8" \/>/,
  (m) => `${m}\n    <meta http-equiv="Content-Security-Policy" content="${policy}" />`,
);
if (!html.includes('Content-Security-Policy')) throw new Error('csp.mjs: no <meta charset> to anchor the policy');
writeFileSync(file, html);
console.log(`csp.mjs: ${hashes.length} inline script(s) allowed by hash`);

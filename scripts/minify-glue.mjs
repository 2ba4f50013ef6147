// Build step (scripts/post-build.mjs runs it after minify-names.mjs): the wasm-bindgen glue with
// short local names and no layout whitespace, by terser (pinned in package.json). Only names and
// whitespace change (terser's `compress` is off: no statement is rewritten), so the glue does what
// wasm-bindgen wrote; the two names the offline build calls (`__wbg_init`, `initSync`) and every
// export keep theirs. 5.6 → 4.1 KB gzip. Trunk's own minifier fails on this glue (README, Size).
//
// Fails (and so fails the build) when terser reports an error or the exports change.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { minify } from 'terser';
import { loaderFiles, rehash } from './minify-names.mjs';

const fail = (msg) => {
  throw new Error(`minify-glue: ${msg}`);
};

/** The names `js` exports, as written in its `export { … }` statements. */
const exportsOf = (js) =>
  [...js.matchAll(/\bexport\s*\{([^}]*)\}/g)]
    .flatMap((m) => m[1].split(','))
    .map((s) => s.trim().replace(/\s+/g, ' '))
    .filter(Boolean)
    .sort();

/** `js` minified; the offline build's names kept. */
export async function minifyGlueText(js) {
  const out = await minify(js, {
    module: true,
    compress: false,
    mangle: { reserved: ['__wbg_init', 'initSync'] },
  });
  if (typeof out.code !== 'string' || out.code.length === 0) fail('terser wrote nothing');
  const [before, after] = [exportsOf(js), exportsOf(out.code)];
  if (before.length === 0 || before.join() !== after.join()) {
    fail(`the exports changed: ${before.join(', ')} → ${after.join(', ')}`);
  }
  return out.code;
}

/** Minifies the glue `dir`/index.html's loader imports, and updates its integrity hash. */
export async function minifyGlue(dir) {
  const { jsName } = loaderFiles(dir);
  const js = readFileSync(join(dir, jsName), 'utf8');
  const min = await minifyGlueText(js);
  writeFileSync(join(dir, jsName), min);
  rehash(dir, [jsName]);
  console.log(`minify-glue.mjs: ${jsName} ${js.length} → ${min.length} bytes`);
}

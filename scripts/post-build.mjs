// Trunk's post-build hook, on its staging directory (so `trunk serve` gets it too), in this
// order: short names for what joins the wasm and its glue (minify-names.mjs: it rewrites both
// files, reading the glue as wasm-bindgen wrote it), long strings passed into the wasm by
// TextEncoder.encodeInto (string-pass.mjs, also on the glue as written), the glue minified (minify-glue.mjs), the
// stylesheet without comments and layout whitespace (css-min.mjs), each step recomputing the
// integrity hashes of what it rewrote, then the Content-Security-Policy (csp.mjs: it hashes the
// inline loader, which the other steps leave alone), and last a gzip and a Brotli copy of each
// wasm, JS and CSS file as it now is (precompress.mjs).
//
//   node scripts/post-build.mjs [dir]     (default: $TRUNK_STAGING_DIR)
import { minifyStylesheets } from './css-min.mjs';
import { minifyGlue } from './minify-glue.mjs';
import { minifyNames } from './minify-names.mjs';
import { fastStringPass } from './string-pass.mjs';

const dir = process.env.TRUNK_STAGING_DIR ?? process.argv[2];
if (!dir) throw new Error('post-build.mjs: no TRUNK_STAGING_DIR and no directory argument');
minifyNames(dir);
fastStringPass(dir);
await minifyGlue(dir);
minifyStylesheets(dir);
await import('./csp.mjs');
const { precompress } = await import('./precompress.mjs');
precompress(dir);

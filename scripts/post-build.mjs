// Trunk's post-build hook, on its staging directory (so `trunk serve` gets it too), in this
// order: short names for what joins the wasm and its glue (minify-names.mjs: it rewrites the
// files and their integrity hashes), the stylesheet without comments and layout whitespace
// (css-min.mjs, which rehashes it too), then the Content-Security-Policy (csp.mjs: it hashes the
// inline loader, which the other steps leave alone).
//
//   node scripts/post-build.mjs [dir]     (default: $TRUNK_STAGING_DIR)
import { minifyStylesheets } from './css-min.mjs';
import { minifyNames } from './minify-names.mjs';

const dir = process.env.TRUNK_STAGING_DIR ?? process.argv[2];
if (!dir) throw new Error('post-build.mjs: no TRUNK_STAGING_DIR and no directory argument');
minifyNames(dir);
minifyStylesheets(dir);
await import('./csp.mjs');

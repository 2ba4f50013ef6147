// Trunk's post-build hook, on its staging directory (so `trunk serve` gets it too), in this
// order: short names for what joins the wasm and its glue (minify-names.mjs: it rewrites the
// files and their integrity hashes), then the Content-Security-Policy (csp.mjs: it hashes the
// inline loader, which the first step leaves alone).
//
//   node scripts/post-build.mjs [dir]     (default: $TRUNK_STAGING_DIR)
import { minifyNames } from './minify-names.mjs';

const dir = process.env.TRUNK_STAGING_DIR ?? process.argv[2];
if (!dir) throw new Error('post-build.mjs: no TRUNK_STAGING_DIR and no directory argument');
minifyNames(dir);
await import('./csp.mjs');

// Build step (scripts/post-build.mjs, last; release builds only): a gzip (`.gz`, `gzip -9 -n`,
// the bytes scripts/sizes.sh counts; Node's zlib where there is no gzip command, ~0.7% larger)
// and a Brotli (`.br`, quality 11) copy beside each wasm, JS and CSS file of the build, lazy/
// included, for servers that send a precompressed file when the browser accepts it (nginx
// `gzip_static` and `brotli_static`, see scripts/nginx.conf.sample; Caddy `precompressed`).
// Such a server spends no time compressing, and compresses the wasm at all: nginx's default
// `gzip_types` leaves application/wasm out, so without these it sends the 0.9 MB wasm
// uncompressed. Brotli takes another ~18% off the gzip size.
//
// Not the HTML or tokenlens.config.json: an organisation edits those after the build, and a
// stale compressed copy would be served in their place. Each copy is checked to decompress to
// the file's exact bytes, or the build fails.
//
//   node scripts/precompress.mjs [dir]     (default: $TRUNK_STAGING_DIR)
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { brotliCompressSync, brotliDecompressSync, constants, gunzipSync, gzipSync } from 'node:zlib';

/** The files of `dir` (and `dir/lazy`) that get compressed copies. */
export function compressible(dir) {
  return ['', 'lazy']
    .map((sub) => join(dir, sub))
    .filter((d) => existsSync(d))
    .flatMap((d) => readdirSync(d).filter((f) => /\.(wasm|js|css)$/.test(f)).map((f) => join(d, f)));
}

/** `bytes` (the contents of `file`) gzipped as `gzip -9 -n` does it, or by zlib without it. */
function gzip(file, bytes) {
  try {
    return execFileSync('gzip', ['-9', '-n', '-c', file], { maxBuffer: 1 << 30 });
  } catch (e) {
    if (e.code !== 'ENOENT') throw e;
    return gzipSync(bytes, { level: 9, memLevel: 9 });
  }
}

/** `bytes` (the contents of a file named `name`) Brotli-compressed as the build's `.br` copies are. */
export function brotli(bytes, name) {
  return brotliCompressSync(bytes, {
    params: {
      [constants.BROTLI_PARAM_QUALITY]: 11,
      [constants.BROTLI_PARAM_SIZE_HINT]: bytes.length,
      [constants.BROTLI_PARAM_MODE]: name.endsWith('.wasm') ? constants.BROTLI_MODE_GENERIC : constants.BROTLI_MODE_TEXT,
    },
  });
}

/** Writes `<file>.gz` and `<file>.br` for each compressible file; returns what it wrote. */
export function precompress(dir) {
  const written = [];
  // `trunk serve` and other debug builds: Trunk's own server sends files as they are, so the
  // copies would only slow each rebuild down.
  if (process.env.TRUNK_PROFILE === 'debug') {
    console.log('precompress.mjs: debug build, no compressed copies');
    return written;
  }
  for (const file of compressible(dir)) {
    const bytes = readFileSync(file);
    const gz = gzip(file, bytes);
    const br = brotli(bytes, file);
    if (!gunzipSync(gz).equals(bytes) || !brotliDecompressSync(br).equals(bytes)) {
      throw new Error(`precompress: a compressed copy of ${file} does not decompress to it`);
    }
    writeFileSync(`${file}.gz`, gz);
    writeFileSync(`${file}.br`, br);
    written.push({ file, raw: bytes.length, gzip: gz.length, brotli: br.length });
  }
  return written;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const dir = process.env.TRUNK_STAGING_DIR ?? process.argv[2];
  if (!dir) throw new Error('precompress.mjs: no TRUNK_STAGING_DIR and no directory argument');
  const out = precompress(dir);
  const sum = (k) => out.reduce((s, f) => s + f[k], 0);
  console.log(`precompress.mjs: ${out.length} files, ${sum('raw')} B → gzip ${sum('gzip')} B, brotli ${sum('brotli')} B`);
}

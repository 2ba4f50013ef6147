// A small static server for the benchmark, on 127.0.0.1, with cross-origin isolation
// (COOP: same-origin, COEP: require-corp) on every answer, so that `crossOriginIsolated` is true
// and `performance.now()` has 5 µs steps instead of 100 µs.
//
//   /app/…           the release build (dist/)
//   /bench/…         this folder (pages and harness modules)
//   /pkg/…           the bench wasm and its wasm-bindgen glue (target/bench/pkg)
//   /node_modules/…  jose and aws-jwt-verify, as published (ES modules)
//
// Standalone: `node bench/serve.mjs [port]` serves until interrupted (for a look by hand).
import { createServer } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.wasm': 'application/wasm',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.webmanifest': 'application/manifest+json',
};

const ROOTS = [
  ['/app/', path.join(REPO, 'dist')],
  ['/bench/', path.join(REPO, 'bench')],
  ['/pkg/', path.join(REPO, 'target', 'bench', 'pkg')],
  ['/node_modules/jose/', path.join(REPO, 'node_modules', 'jose')],
  ['/node_modules/aws-jwt-verify/', path.join(REPO, 'node_modules', 'aws-jwt-verify')],
];

function resolve(urlPath) {
  for (const [prefix, dir] of ROOTS) {
    if (!urlPath.startsWith(prefix)) continue;
    let rel = decodeURIComponent(urlPath.slice(prefix.length));
    if (rel === '' || rel.endsWith('/')) rel += 'index.html';
    const file = path.resolve(dir, rel);
    if (file !== dir && !file.startsWith(dir + path.sep)) return null;
    return file;
  }
  return null;
}

/** Starts the server on a free loopback port; resolves to { origin, close() }. */
export function startServer(port = 0) {
  const server = createServer(async (req, res) => {
    const headers = {
      'Cross-Origin-Opener-Policy': 'same-origin',
      'Cross-Origin-Embedder-Policy': 'require-corp',
      'Cross-Origin-Resource-Policy': 'same-origin',
      'Cache-Control': 'no-store',
    };
    const urlPath = new URL(req.url, 'http://127.0.0.1').pathname;
    if (urlPath === '/') {
      res.writeHead(302, { ...headers, Location: '/app/' }).end();
      return;
    }
    const file = resolve(urlPath);
    try {
      if (!file || !(await stat(file)).isFile()) throw new Error('not found');
      const body = await readFile(file);
      const type = TYPES[path.extname(file)] ?? 'application/octet-stream';
      res.writeHead(200, { ...headers, 'Content-Type': type, 'Content-Length': body.length });
      res.end(req.method === 'HEAD' ? undefined : body);
    } catch {
      res.writeHead(404, { ...headers, 'Content-Type': 'text/plain' }).end('not found\n');
    }
  });
  return new Promise((ok, fail) => {
    server.once('error', fail);
    server.listen(port, '127.0.0.1', () => {
      const { port: p } = server.address();
      ok({ origin: `http://127.0.0.1:${p}`, close: () => new Promise((done) => server.close(done)) });
    });
  });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { origin } = await startServer(Number(process.argv[2] ?? 8099));
  console.log(`bench server: ${origin}/app/ (the app), ${origin}/bench/micro.html (per-call page)`);
}

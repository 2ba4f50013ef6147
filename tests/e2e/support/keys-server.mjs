// The keys server global setup starts: JWKS, discovery documents and certificates for every
// algorithm, with and without CORS, plus the broken cases (404, HTML, broken entries, rotation).
// Node `http` in the runner process; every request is recorded so specs can check what reached it.
//
// Routes (all GET; each may be prefixed with /t/<ns> — a namespace, one per test, which keeps the
// request log and the rotation counter of parallel tests apart):
//
//   /cors/<alg>/.well-known/openid-configuration   {"issuer": "<base>/cors/<alg>", "jwks_uri": "<base>/cors/<alg>/jwks.json"}
//   /cors/<alg>/jwks.json                          {"keys": [rs-2048-b (decoy, listed first), <alg>'s key]}
//        <alg> is a name in SETS below (rs256 … eddsa, es256k) or `all` (jwks/all.json)
//   /nocors/…                                      the same, without any CORS header
//   /cors/missing/jwks.json                        404
//   /cors/html/jwks.json                           200 text/html, an HTML page
//   /cors/notkeyset/jwks.json                      200 JSON that is not a key set
//   /cors/huge/jwks.json                           a 1 MiB key set, with Content-Length
//   /cors/hugechunked/jwks.json                    the same, chunked (no Content-Length)
//   /cors/broken/jwks.json                         jwks/one-broken.json
//   /cors/mismatch/.well-known/openid-configuration  issuer "<base>/cors/mismatch/" (trailing slash);
//                                                  its jwks.json is jwks/all.json
//   /cors/nojwksuri/.well-known/openid-configuration  issuer only, no jwks_uri
//   /cors/rotating/jwks.json                       1st request: rs-2048-b only; later: rs-2048-b and rs-2048
//   /cors/x5u/rsa2048.cert.pem                     public/rsa2048.cert.pem (for `x5u`)
//
// Hostile answers (fetch-*.spec.mjs). Streaming routes note in their log entry how many body
// bytes they wrote (`sent`) and whether the body was finished before the client went away
// (`completed`), so a spec can tell that the page stopped reading.
//   /cors/bigchunked/jwks.json                     3 MiB chunked (no Content-Length), 64 KiB every 20 ms
//   /cors/gzipbomb/jwks.json                       ~8 KiB of gzip (Content-Encoding: gzip) inflating to 8 MiB
//   /cors/hugedeclared/jwks.json                   Content-Length: 1 GiB, then 1 KiB every 50 ms
//   /cors/redirectcross/jwks.json                  302 to the same namespace's /cors/rs256/jwks.json on
//                                                  the second listener (another port: another origin)
//   /cors/redirectsame/jwks.json                   302 to /cors/rs256/jwks.json on this origin
//   /cors/errorpage/jwks.json                      503 text/html, a proxy's error page
//   /cors/text/jwks.json                           200 text/plain, not JSON
//   /cors/slow/jwks.json                           200, then one byte per second, never finished
//
// Both listeners serve the same routes and share one request log; `otherUrl` is the second.
//
// Control (never recorded, never CORS): /__requests[?ns=<ns>] → the recorded requests as JSON
// [{ns, method, url, path, headers, body}]; /__reset[?ns=<ns>] forgets them (and the rotation).
import { readFileSync } from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import zlib from 'node:zlib';

/** Algorithm name in a route → the kid of its key in jwks/all.json. */
export const SETS = {
  rs256: 'rs-2048',
  rs384: 'rs-2048-rs384',
  rs512: 'rs-2048-rs512',
  ps256: 'rs-2048-ps256',
  ps384: 'rs-2048-ps384',
  ps512: 'rs-2048-ps512',
  es256: 'es256',
  es384: 'es384',
  es512: 'es512',
  es256k: 'es256k',
  eddsa: 'ed25519',
};
export const DECOY_KID = 'rs-2048-b';

const CORS = {
  'Access-Control-Allow-Origin': '*',
  'Access-Control-Allow-Methods': 'GET, HEAD, OPTIONS',
  'Access-Control-Allow-Headers': '*',
  'Access-Control-Max-Age': '600',
};

/** Starts the keys server on 127.0.0.1 at a free port. Resolves to { url (no trailing slash), close }. */
export async function startKeysServer(joseDir) {
  const read = (p) => readFileSync(path.join(joseDir, p), 'utf8');
  const all = JSON.parse(read('jwks/all.json'));
  const byKid = (kid) => {
    const key = all.keys.find((k) => k.kid === kid);
    if (!key) throw new Error(`keys server: no key ${kid} in jwks/all.json`);
    return key;
  };
  const sets = Object.fromEntries(
    Object.entries(SETS).map(([name, kid]) => [name, { keys: [byKid(DECOY_KID), byKid(kid)] }]),
  );
  sets.all = all;
  const brokenBody = read('jwks/one-broken.json');
  const hugeBody = JSON.stringify({ keys: all.keys, padding: 'x'.repeat(1024 * 1024) });
  const certPem = read('public/rsa2048.cert.pem');
  const MiB = 1024 * 1024;
  // 8 MiB of JSON-looking padding: compresses to a few KiB.
  const gzipBomb = zlib.gzipSync(Buffer.from(`{"keys":[],"padding":"${'x'.repeat(8 * MiB - 24)}"}`), { level: 9 });
  let otherOrigin = ''; // the second listener, set once it listens

  const log = [];
  const rotations = new Map(); // ns → JWKS requests served on /cors/rotating

  const listener = (req, res) => {
    const chunks = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => {
      try {
        handle(req, res, Buffer.concat(chunks).toString('latin1'));
      } catch (error) {
        res.writeHead(500, { 'Content-Type': 'text/plain' });
        res.end(`keys server error: ${error.message}\n`);
      }
    });
  };
  const server = http.createServer(listener);
  const other = http.createServer(listener);

  function handle(req, res, body) {
    const url = new URL(req.url, 'http://x');
    const origin = `http://${req.headers.host}`;

    if (url.pathname === '/__requests' || url.pathname === '/__reset') {
      const ns = url.searchParams.get('ns');
      const matches = (r) => ns === null || r.ns === ns;
      if (url.pathname === '/__reset') {
        for (let i = log.length - 1; i >= 0; i--) if (matches(log[i])) log.splice(i, 1);
        if (ns === null) rotations.clear();
        else rotations.delete(ns);
      }
      res.writeHead(200, { 'Content-Type': 'application/json', 'Cache-Control': 'no-store' });
      return res.end(JSON.stringify(url.pathname === '/__reset' ? { ok: true } : log.filter(matches)));
    }

    let ns = '';
    let route = url.pathname;
    const scoped = /^\/t\/([A-Za-z0-9_-]+)(\/.*)$/.exec(route);
    if (scoped) [, ns, route] = scoped;
    const entry = { ns, method: req.method, url: req.url, path: route, headers: req.headers, body };
    log.push(entry);

    const base = `${origin}${scoped ? `/t/${ns}` : ''}`;
    const m = /^\/(cors|nocors)(\/.*)$/.exec(route);
    const cors = m?.[1] === 'cors';
    const send = (status, type, text, extra = {}) => {
      res.writeHead(status, {
        ...(type ? { 'Content-Type': type } : {}),
        'Cache-Control': 'no-store',
        ...(cors ? CORS : {}),
        ...extra,
      });
      res.end(req.method === 'HEAD' ? undefined : text);
    };
    const json = (value) => send(200, 'application/json', JSON.stringify(value, null, 2));

    if (req.method === 'OPTIONS') return send(204, null, '');
    if (req.method !== 'GET' && req.method !== 'HEAD') return send(405, 'text/plain', 'method not allowed\n');
    if (!m) return send(404, 'text/plain', 'not found\n');

    const rest = m[2];
    const prefix = `${base}/${m[1]}`;
    const discovery = /^\/([a-z0-9]+)\/\.well-known\/openid-configuration$/.exec(rest);
    const jwks = /^\/([a-z0-9]+)\/jwks\.json$/.exec(rest);

    const hostile = hostileRoutes[rest];
    if (hostile) return hostile({ req, res, entry, cors, send, nsPrefix: scoped ? `/t/${ns}` : '', prefix });
    if (discovery) {
      const name = discovery[1];
      if (name === 'mismatch') return json({ issuer: `${prefix}/mismatch/`, jwks_uri: `${prefix}/mismatch/jwks.json` });
      if (name === 'nojwksuri') return json({ issuer: `${prefix}/nojwksuri` });
      if (name === 'rotating' || sets[name]) return json({ issuer: `${prefix}/${name}`, jwks_uri: `${prefix}/${name}/jwks.json` });
      return send(404, 'text/plain', 'not found\n');
    }
    if (jwks) {
      const name = jwks[1];
      if (sets[name]) return json(sets[name]);
      if (name === 'mismatch') return json(sets.all);
      if (name === 'missing') return send(404, 'text/plain', 'not found\n');
      if (name === 'html') {
        return send(200, 'text/html; charset=utf-8', '<!doctype html>\n<html><head><title>Sign in</title></head><body><h1>Sign in</h1></body></html>\n');
      }
      if (name === 'notkeyset') return json({ issuer: `${prefix}/notkeyset`, keys_are_elsewhere: true });
      if (name === 'broken') return send(200, 'application/json', brokenBody);
      if (name === 'huge') return send(200, 'application/json', hugeBody, { 'Content-Length': Buffer.byteLength(hugeBody) });
      if (name === 'hugechunked') return send(200, 'application/json', hugeBody);
      if (name === 'rotating') {
        const served = (rotations.get(ns) ?? 0) + 1;
        rotations.set(ns, served);
        return json({ keys: served === 1 ? [byKid(DECOY_KID)] : [byKid(DECOY_KID), byKid('rs-2048')] });
      }
      return send(404, 'text/plain', 'not found\n');
    }
    if (rest === '/x5u/rsa2048.cert.pem') return send(200, 'application/pem-certificate-chain', certPem);
    return send(404, 'text/plain', 'not found\n');
  }

  /** Writes `total` bytes of `piece` repeated, `piece.length` at a time every `everyMs`. */
  function trickle({ res, entry }, piece, total, everyMs) {
    entry.sent = 0;
    entry.completed = false;
    const timer = setInterval(() => {
      if (res.destroyed || entry.sent >= total) {
        clearInterval(timer);
        if (!res.destroyed) res.end(() => (entry.completed = true));
        return;
      }
      const chunk = piece.subarray(0, Math.min(piece.length, total - entry.sent));
      entry.sent += chunk.length;
      res.write(chunk);
    }, everyMs);
    res.on('close', () => clearInterval(timer));
  }

  const hostileRoutes = {
    '/bigchunked/jwks.json': (c) => {
      c.res.writeHead(200, { 'Content-Type': 'application/json', 'Cache-Control': 'no-store', ...(c.cors ? CORS : {}) });
      trickle(c, Buffer.alloc(64 * 1024, 0x20), 3 * MiB, 20);
    },
    '/gzipbomb/jwks.json': ({ res, cors, entry }) => {
      res.writeHead(200, {
        'Content-Type': 'application/json',
        'Content-Encoding': 'gzip',
        'Content-Length': gzipBomb.length,
        'Cache-Control': 'no-store',
        ...(cors ? CORS : {}),
      });
      entry.sent = gzipBomb.length;
      res.end(gzipBomb);
    },
    '/hugedeclared/jwks.json': (c) => {
      c.res.writeHead(200, {
        'Content-Type': 'application/json',
        'Content-Length': 1024 * MiB,
        'Cache-Control': 'no-store',
        ...(c.cors ? CORS : {}),
      });
      trickle(c, Buffer.alloc(1024, 0x20), 4 * MiB, 50);
    },
    '/redirectcross/jwks.json': ({ send, nsPrefix }) =>
      send(302, 'text/plain', 'moved\n', { Location: `${otherOrigin}${nsPrefix}/cors/rs256/jwks.json` }),
    '/redirectsame/jwks.json': ({ send, prefix }) =>
      send(302, 'text/plain', 'moved\n', { Location: `${prefix}/rs256/jwks.json` }),
    '/errorpage/jwks.json': ({ send }) =>
      send(
        503,
        'text/html; charset=utf-8',
        '<!DOCTYPE html>\n<html><head><title>503 Service Temporarily Unavailable</title></head>' +
          '<body><center><h1>503 Service Temporarily Unavailable</h1></center><hr><center>nginx</center></body></html>\n',
      ),
    '/text/jwks.json': ({ send }) => send(200, 'text/plain; charset=utf-8', 'keys are not here\n'),
    '/slow/jwks.json': (c) => {
      c.res.writeHead(200, { 'Content-Type': 'application/json', 'Cache-Control': 'no-store', ...(c.cors ? CORS : {}) });
      trickle(c, Buffer.from(' '), 60, 1000);
    },
  };

  const listen = (s) =>
    new Promise((resolve, reject) => {
      s.once('error', reject);
      s.listen(0, '127.0.0.1', resolve);
    });
  await listen(server);
  await listen(other);
  server.unref();
  other.unref();
  otherOrigin = `http://127.0.0.1:${other.address().port}`;
  const close = (s) =>
    new Promise((resolve) => {
      s.closeAllConnections();
      s.close(() => resolve());
    });
  return {
    url: `http://127.0.0.1:${server.address().port}`,
    otherUrl: otherOrigin,
    close: () => Promise.all([close(server), close(other)]),
  };
}

// The servers global setup starts: a static file server (in this process), and moto_server and
// nginx (support/nginx.mjs), each a child process group with a watchdog, so that it cannot
// outlive the test runner.
import { spawn, execFile } from 'node:child_process';
import { createReadStream, existsSync, openSync, closeSync, readFileSync, statSync } from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import net from 'node:net';
import path from 'node:path';

const MIME = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.map': 'application/json',
  '.wasm': 'application/wasm',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
  '.pem': 'text/plain; charset=utf-8',
  '.webmanifest': 'application/manifest+json',
  '.woff2': 'font/woff2',
};

/** Serves `root` on 127.0.0.1 at a free port. Resolves to { url, close }. */
export async function startStaticServer(root) {
  return startMountedServer([{ prefix: '/', root }]);
}

/**
 * Serves several mounts on 127.0.0.1 at a free port: each `{ prefix, root, files }` serves
 * directory `root` under URL path `prefix` (ending in '/'), with `files` (name → text) served
 * instead of (or beside) the files of the same name in `root`'s top level. Longest prefix wins.
 * Resolves to { url, close }.
 */
export async function startMountedServer(mounts) {
  for (const { root } of mounts) {
    if (!existsSync(path.join(root, 'index.html'))) {
      throw new Error(
        `TOKENLENS_DIST has no index.html: ${path.join(root, 'index.html')}\n` +
          '  Build the app first (trunk build --release) or point TOKENLENS_DIST at a build.',
      );
    }
  }
  const sorted = [...mounts].sort((a, b) => b.prefix.length - a.prefix.length);
  const server = http.createServer((req, res) => {
    const send = (status, type, body) => {
      res.writeHead(status, { 'Content-Type': type, 'Cache-Control': 'no-store' });
      res.end(body);
    };
    if (req.method !== 'GET' && req.method !== 'HEAD') return send(405, 'text/plain', 'method not allowed\n');
    let pathname;
    try {
      pathname = decodeURIComponent(new URL(req.url, 'http://x').pathname);
    } catch {
      return send(400, 'text/plain', 'bad request\n');
    }
    const mount = sorted.find((m) => pathname.startsWith(m.prefix));
    if (!mount) return send(404, 'text/plain', 'not found\n');
    const { root, files = {} } = mount;
    const inMount = pathname.slice(mount.prefix.length);
    if (Object.hasOwn(files, inMount)) {
      const body = Buffer.from(files[inMount], 'utf8');
      res.writeHead(200, {
        'Content-Type': MIME[path.extname(inMount).toLowerCase()] || 'application/octet-stream',
        'Content-Length': body.length,
        'Cache-Control': 'no-store',
        'X-Content-Type-Options': 'nosniff',
      });
      return res.end(req.method === 'HEAD' ? undefined : body);
    }
    let file = path.resolve(root, `./${inMount}`);
    const rel = path.relative(root, file);
    if (rel.startsWith('..') || path.isAbsolute(rel)) return send(403, 'text/plain', 'forbidden\n');
    if (existsSync(file) && statSync(file).isDirectory()) file = path.join(file, 'index.html');
    if (!existsSync(file) || !statSync(file).isFile()) return send(404, 'text/plain', 'not found\n');
    res.writeHead(200, {
      'Content-Type': MIME[path.extname(file).toLowerCase()] || 'application/octet-stream',
      'Content-Length': statSync(file).size,
      'Cache-Control': 'no-store',
      'X-Content-Type-Options': 'nosniff',
    });
    if (req.method === 'HEAD') return res.end();
    createReadStream(file).pipe(res);
  });
  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  server.unref();
  return {
    url: `http://127.0.0.1:${server.address().port}/`,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** A port nobody listens on right now (the OS picks it). */
export function freePort() {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address();
      probe.close(() => resolve(port));
    });
  });
}

// Runs "$@" in the background and kills it when our end of stdin closes, i.e. when the runner
// exits or dies (even by SIGKILL), so the server never outlives the test run. The shell waits on
// the server itself, so a server that stops early (a bad configuration, a taken port) ends the
// group at once and is reported as such. (The reader gets stdin as fd 3: a background job's own
// stdin is /dev/null.)
const WATCHDOG = `
"$@" </dev/null &
child=$!
trap 'kill "$child" 2>/dev/null' TERM INT HUP
exec 3<&0
( cat <&3 >/dev/null; kill "$child" 2>/dev/null ) &
wait "$child"
`;

const groups = new Set();
process.on('exit', () => {
  for (const pgid of groups) {
    try {
      process.kill(-pgid, 'SIGKILL');
    } catch {}
  }
});

const groupAlive = (pgid) => {
  try {
    process.kill(-pgid, 0);
    return true;
  } catch {
    return false;
  }
};

/** Stops a process group: SIGTERM, then SIGKILL if it is still there after `graceMs`. */
async function killGroup(pgid, graceMs = 5000) {
  try {
    process.kill(-pgid, 'SIGTERM');
  } catch {}
  const deadline = Date.now() + graceMs;
  while (groupAlive(pgid) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
  if (groupAlive(pgid)) {
    try {
      process.kill(-pgid, 'SIGKILL');
    } catch {}
  }
  groups.delete(pgid);
}

/** Any HTTP answer from `url` (whatever the status) means the server is up. */
const answers = (url) =>
  new Promise((resolve) => {
    const req = http.get(url, (res) => {
      res.resume();
      resolve(true);
    });
    req.setTimeout(1000, () => req.destroy());
    req.on('error', () => resolve(false));
  });

/**
 * Starts `$venv/bin/moto_server -H 127.0.0.1 -p PORT` in its own process group and polls until
 * it answers. Resolves to { url, logFile, stop }.
 */
export async function startMoto(venv, logFile, { timeoutMs = 30000 } = {}) {
  const bin = path.join(venv, 'bin', 'moto_server');
  if (!existsSync(bin)) {
    throw new Error(
      `moto_server not found at ${bin}\n` +
        `  Create the venv: python3 -m venv ${venv} && ${venv}/bin/pip install -r tests/e2e/requirements.txt\n` +
        '  or set TOKENLENS_VENV.',
    );
  }
  return startWatched({
    name: 'moto_server',
    bin,
    args: (port) => ['-H', '127.0.0.1', '-p', String(port)],
    probe: (url) => `${url}/moto-api/`,
    logFile,
    timeoutMs,
  });
}

/**
 * Starts `bin` with `args(port)` at a free port, in its own process group that dies with the
 * runner, and polls `probe(url)` until it answers (three ports tried). Resolves to
 * { url, port, logFile, stop }.
 */
export async function startWatched({ name, bin, args, probe, logFile, timeoutMs = 30000 }) {
  let lastError;
  for (let attempt = 1; attempt <= 3; attempt++) {
    const port = await freePort();
    const log = openSync(logFile, 'a');
    const child = spawn('sh', ['-c', WATCHDOG, `${name}-watchdog`, bin, ...args(port)], {
      detached: true, // its own process group: killed as a whole
      stdio: ['pipe', log, log],
    });
    closeSync(log);
    groups.add(child.pid);
    let exited = false;
    child.once('exit', () => (exited = true));
    child.unref();
    child.stdin.unref?.();
    const url = `http://127.0.0.1:${port}`;
    const deadline = Date.now() + timeoutMs;
    while (!exited && Date.now() < deadline) {
      if (await answers(probe(url))) {
        return { url, port, logFile, stop: () => killGroup(child.pid) };
      }
      await new Promise((r) => setTimeout(r, 100));
    }
    await killGroup(child.pid);
    lastError = exited
      ? `${name} exited early (attempt ${attempt}, port ${port})`
      : `${name} did not answer on ${url} within ${timeoutMs} ms`;
  }
  const tail = existsSync(logFile) ? readFileSync(logFile, 'utf8').split('\n').slice(-20).join('\n') : '';
  throw new Error(`${lastError}\n  log ${logFile}:\n${tail}`);
}

/** Runs cognito_seed.py against moto and returns its parsed JSON. */
export function seedCognito(venv, script, motoUrl) {
  const python = path.join(venv, 'bin', 'python');
  const env = {
    ...process.env,
    AWS_ACCESS_KEY_ID: 'testing',
    AWS_SECRET_ACCESS_KEY: 'testing',
    AWS_SESSION_TOKEN: 'testing',
    AWS_DEFAULT_REGION: 'eu-west-1',
    AWS_EC2_METADATA_DISABLED: 'true',
  };
  delete env.AWS_PROFILE;
  return new Promise((resolve, reject) => {
    execFile(python, [script, '--endpoint', motoUrl], { env, timeout: 60000 }, (error, stdout, stderr) => {
      if (error) return reject(new Error(`cognito_seed.py failed: ${error.message}\n${stderr}`));
      try {
        resolve(JSON.parse(stdout));
      } catch (e) {
        reject(new Error(`cognito_seed.py printed no JSON: ${e.message}\n${stdout}\n${stderr}`));
      }
    });
  });
}

/**
 * An OpenID issuer over https on localhost (the committed, self-signed x5u test certificate:
 * pages need `ignoreHTTPSErrors`), serving `{origin}/e2e/.well-known/openid-configuration` and
 * `{origin}/e2e/jwks.json` (`jwks/all.json` of `joseDir`) with CORS. Resolves to
 * { origin, seen, close }: `seen` lists every request as "METHOD path", in order.
 */
export async function startHttpsIssuer(joseDir) {
  const cert = readFileSync(path.join(joseDir, 'public', 'rsa2048.cert.pem'));
  const key = readFileSync(path.join(joseDir, 'keys', 'rsa2048.pkcs8.pem'));
  const jwks = readFileSync(path.join(joseDir, 'jwks', 'all.json'));
  const seen = [];
  let origin;
  const server = https.createServer({ cert, key }, (req, res) => {
    seen.push(`${req.method} ${req.url}`);
    const cors = { 'Access-Control-Allow-Origin': '*', 'Content-Type': 'application/json' };
    if (req.url === '/e2e/.well-known/openid-configuration') {
      res.writeHead(200, cors);
      return res.end(JSON.stringify({ issuer: `${origin}/e2e`, jwks_uri: `${origin}/e2e/jwks.json` }));
    }
    if (req.url === '/e2e/jwks.json') {
      res.writeHead(200, cors);
      return res.end(jwks);
    }
    res.writeHead(404, cors);
    res.end('{}');
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `https://localhost:${server.address().port}`;
  return {
    origin,
    seen,
    close: async () => {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

/**
 * [`startHttpsIssuer`] for the tests of the current file or `describe` block: started before
 * them and closed after, its certificate accepted by their pages, `seen` emptied before each
 * test. Returns { origin, seen }, filled in once the server has started.
 */
export function useHttpsIssuer(test, joseDir) {
  const issuer = { origin: '', seen: [] };
  let server;
  test.use({ ignoreHTTPSErrors: true }); // the committed test certificate is self-signed
  test.beforeAll(async () => {
    server = await startHttpsIssuer(joseDir);
    issuer.origin = server.origin;
    issuer.seen = server.seen;
  });
  test.afterAll(async () => {
    await server?.close();
  });
  test.beforeEach(() => {
    issuer.seen.length = 0;
  });
  return issuer;
}

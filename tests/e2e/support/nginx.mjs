// nginx serving the build with scripts/nginx.conf.sample, as a self-hoster would: its server
// block as written, but listening on a free loopback port without TLS or HTTP/2, its `alias`
// pointing at TOKENLENS_DIST, `mime.types` by its full path, and the header snippet at the end of
// the sample uncommented with the build's loader hashes filled in. Each change must find exactly
// what it replaces, and what is left must not listen elsewhere or ask for TLS, so a changed
// sample fails here instead of being tested half. Debian's nginx and its Brotli module
// (scripts/setup.sh test installs both). Started by global setup (TOKENLENS_E2E_NGINX_URL).
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { REPO } from './env.mjs';
import { startWatched } from './servers.mjs';

export const NGINX = process.env.TOKENLENS_NGINX || '/usr/sbin/nginx';
/** Where Debian's libnginx-mod-http-brotli-static puts the module the sample's brotli_static needs. */
const BROTLI_MODULE = '/usr/lib/nginx/modules/ngx_http_brotli_static_module.so';
/** The URL path the sample serves the build under. */
export const NGINX_BASE = '/tools/tokenlens/';

/** `text` with each of the `count` occurrences of `from` replaced; any other count fails. */
const replaceExactly = (text, from, to, count, what) => {
  const n = text.split(from).length - 1;
  if (n !== count) throw new Error(`nginx.conf.sample: ${what} found ${n} times, not ${count} (${JSON.stringify(from)})`);
  return text.split(from).join(to);
};

/** The sample turned into a runnable configuration for `port`, serving `dist`, under `dir`. */
export function nginxConfig(dist, dir, port) {
  if ([dist, dir].some((p) => /[\s"'$;{}\\]/.test(p))) {
    throw new Error(`nginx config: paths with spaces, quotes, $, ; or braces are not supported: ${dist}, ${dir}`);
  }
  const sample = readFileSync(path.join(REPO, 'scripts', 'nginx.conf.sample'), 'utf8');
  const start = sample.indexOf('\nserver {');
  const end = sample.indexOf('\n}\n', start);
  if (start < 0 || end < 0) throw new Error('nginx.conf.sample: no server { … } block');
  let server = sample.slice(start + 1, end + 2);
  server = replaceExactly(server, 'listen 443 ssl;', `listen 127.0.0.1:${port};`, 1, 'the listen line');
  server = replaceExactly(server, 'http2 on;', '', 1, 'http2');
  server = replaceExactly(server, 'include mime.types;', 'include /etc/nginx/mime.types;', 1, 'the mime.types include');
  server = replaceExactly(server, 'alias /srv/www/tokenlens/;', `alias ${dist}/;`, 1, 'the alias');
  const snippetFile = path.join(dir, 'tokenlens-headers.conf');
  server = replaceExactly(server, 'include /etc/nginx/snippets/tokenlens-headers.conf;', `include ${snippetFile};`, 3, 'the snippet include');
  const live = server.split('\n').filter((l) => !/^\s*#/.test(l));
  if (live.filter((l) => /^\s*listen\b/.test(l)).length !== 1 || live.some((l) => /\b(ssl|http2|ssl_certificate\w*)\b/.test(l))) {
    throw new Error('nginx.conf.sample: another listen line or a TLS/HTTP2 directive is left after the rewrite');
  }

  const hashes = [...readFileSync(path.join(dist, 'index.html'), 'utf8').matchAll(/'(sha256-[A-Za-z0-9+/=]+)'/g)].map((m) => m[1]);
  if (!hashes.length) throw new Error(`no loader hash in ${path.join(dist, 'index.html')}`);
  const snippet = sample
    .slice(sample.indexOf('# /etc/nginx/snippets/tokenlens-headers.conf'))
    .split('\n')
    .filter((l) => l.startsWith('# add_header '))
    .map((l) => l.slice(2))
    .join('\n');
  if (!snippet.includes('Content-Security-Policy')) throw new Error('nginx.conf.sample: no header snippet');
  const filled = replaceExactly(snippet, "'sha256-SHA256_OF_INLINE_LOADER'", hashes.map((h) => `'${h}'`).join(' '), 1, 'the loader hash placeholder');
  writeFileSync(snippetFile, `${filled}\n`);

  const tmp = (name) => `${name}_temp_path ${path.join(dir, name)};`;
  return [
    `load_module ${BROTLI_MODULE};`,
    'daemon off;',
    'master_process off;',
    `pid ${path.join(dir, 'nginx.pid')};`,
    `error_log ${path.join(dir, 'error.log')} warn;`,
    'events { worker_connections 256; }',
    'http {',
    '  access_log off;',
    ...['client_body', 'proxy', 'fastcgi', 'uwsgi', 'scgi'].map((n) => `  ${tmp(n)}`),
    server,
    '}',
    '',
  ].join('\n');
}

/**
 * Starts nginx with the sample on a free port, and checks that it serves the build's own
 * index.html at the base path (not a 404, not another server that took the port); resolves to
 * { url (with the base path), stop }.
 */
export async function startNginx(dist, dir) {
  for (const [file, what] of [
    [NGINX, 'nginx'],
    [BROTLI_MODULE, "nginx's Brotli module"],
  ]) {
    if (!existsSync(file)) {
      throw new Error(`${what} not found at ${file}: run \`source scripts/setup.sh test\` (Debian's nginx and libnginx-mod-http-brotli-static), or set TOKENLENS_NGINX`);
    }
  }
  const conf = path.join(dir, 'nginx.conf');
  const nginx = await startWatched({
    name: 'nginx',
    bin: NGINX,
    args: (port) => {
      writeFileSync(conf, nginxConfig(dist, dir, port));
      return ['-p', dir, '-c', conf, '-e', path.join(dir, 'error.log')];
    },
    probe: (url) => `${url}${NGINX_BASE}`,
    logFile: path.join(dir, 'nginx.out'),
    timeoutMs: 10000,
  });
  const url = `${nginx.url}${NGINX_BASE}`;
  const res = await fetch(url, { headers: { 'Accept-Encoding': 'identity' } });
  const body = Buffer.from(await res.arrayBuffer());
  if (res.status !== 200 || !body.equals(readFileSync(path.join(dist, 'index.html')))) {
    await nginx.stop();
    throw new Error(`nginx at ${url} answered ${res.status} without the build's index.html (see ${dir})`);
  }
  return { url, stop: nginx.stop };
}

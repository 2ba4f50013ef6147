// nginx serving the build with scripts/nginx.conf.sample, as a self-hoster would: its server
// block as written, but listening on a free loopback port without TLS, its `alias` pointing at
// TOKENLENS_DIST, and the header snippet at the end of the sample uncommented with the build's
// loader hash filled in. Each change must find what it replaces, so a changed sample fails here
// instead of being tested half. Started by global setup (TOKENLENS_E2E_NGINX_URL).
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { REPO } from './env.mjs';
import { startWatched } from './servers.mjs';

export const NGINX = process.env.TOKENLENS_NGINX || '/usr/sbin/nginx';
/** Where Debian's libnginx-mod-http-brotli-static puts the module the sample's brotli_static needs. */
const BROTLI_MODULE = '/usr/lib/nginx/modules/ngx_http_brotli_static_module.so';
/** The URL path the sample serves the build under. */
export const NGINX_BASE = '/tools/tokenlens/';

const replaceOnce = (text, from, to, what) => {
  const n = text.split(from).length - 1;
  if (n < 1) throw new Error(`nginx.conf.sample: ${what} not found (${JSON.stringify(from)})`);
  return text.split(from).join(to);
};

/** The sample turned into a runnable configuration for `port`, serving `dist`, under `dir`. */
export function nginxConfig(dist, dir, port) {
  const sample = readFileSync(path.join(REPO, 'scripts', 'nginx.conf.sample'), 'utf8');
  const start = sample.indexOf('\nserver {');
  const end = sample.indexOf('\n}\n', start);
  if (start < 0 || end < 0) throw new Error('nginx.conf.sample: no server { … } block');
  let server = sample.slice(start + 1, end + 2);
  server = replaceOnce(server, 'listen 443 ssl;', `listen 127.0.0.1:${port};`, 'the listen line');
  server = replaceOnce(server, 'http2 on;', '', 'http2');
  server = replaceOnce(server, 'include mime.types;', 'include /etc/nginx/mime.types;', 'the mime.types include');
  server = replaceOnce(server, 'alias /srv/www/tokenlens/;', `alias ${dist}/;`, 'the alias');
  const snippetFile = path.join(dir, 'tokenlens-headers.conf');
  server = replaceOnce(server, 'include /etc/nginx/snippets/tokenlens-headers.conf;', `include ${snippetFile};`, 'the snippet include');

  const hash = readFileSync(path.join(dist, 'index.html'), 'utf8').match(/'sha256-([A-Za-z0-9+/=]+)'/)?.[1];
  if (!hash) throw new Error(`no loader hash in ${path.join(dist, 'index.html')}`);
  const snippet = sample
    .slice(sample.indexOf('# /etc/nginx/snippets/tokenlens-headers.conf'))
    .split('\n')
    .filter((l) => l.startsWith('# add_header '))
    .map((l) => l.slice(2))
    .join('\n');
  if (!snippet.includes('Content-Security-Policy')) throw new Error('nginx.conf.sample: no header snippet');
  writeFileSync(snippetFile, `${replaceOnce(snippet, 'SHA256_OF_INLINE_LOADER', hash, 'the loader hash placeholder')}\n`);

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

/** Starts nginx with the sample on a free port; resolves to { url (with the base path), stop }. */
export async function startNginx(dist, dir) {
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
  return { url: `${nginx.url}${NGINX_BASE}`, stop: nginx.stop };
}

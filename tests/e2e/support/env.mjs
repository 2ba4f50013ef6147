// The interface between global setup and the tests: environment variables set by
// global-setup.mjs in the runner and inherited by every worker.
//
//   TOKENLENS_E2E_BASE_URL  http://127.0.0.1:PORT/ — the static server serving TOKENLENS_DIST
//   TOKENLENS_E2E_MOTO_URL  http://127.0.0.1:PORT  — moto_server (the Cognito emulator)
//   TOKENLENS_E2E_NGINX_URL http://127.0.0.1:PORT/tools/tokenlens/ — nginx with the sample config
//   TOKENLENS_E2E_COGNITO   JSON printed by cognito_seed.py:
//                           { pool_id, client_id, region, jwks_url, issuer, response }
//
// Read lazily, so `playwright test --list` works without the servers.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const E2E_DIR = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
export const REPO = path.resolve(E2E_DIR, '..', '..');
export const DIST = path.resolve(process.env.TOKENLENS_DIST || path.join(REPO, 'dist'));
export const VENV = path.resolve(process.env.TOKENLENS_VENV || path.join(REPO, '.venv'));
export const DEMO_RESPONSE_FILE = path.join(REPO, 'static', 'demo', 'authentication-result.json');
export const JOSE_DIR = path.join(REPO, 'tests', 'fixtures', 'jose');

function required(name) {
  const value = process.env[name];
  if (!value) {
    throw new Error(`${name} is not set: run through tests/e2e/playwright.config.mjs (its global setup sets it)`);
  }
  return value;
}

export const e2eEnv = {
  /** Base URL of the app under test, with a trailing slash. */
  get baseUrl() {
    return required('TOKENLENS_E2E_BASE_URL');
  },
  /** The build behind nginx with scripts/nginx.conf.sample, with its base path and a trailing slash. */
  get nginxUrl() {
    return required('TOKENLENS_E2E_NGINX_URL');
  },
  /** Base URL of moto_server. */
  get motoUrl() {
    return required('TOKENLENS_E2E_MOTO_URL');
  },
  /** Base URL of the keys server (support/keys-server.mjs), no trailing slash. */
  get keysUrl() {
    return required('TOKENLENS_E2E_KEYS_URL');
  },
  /** What cognito_seed.py printed: pool, client, JWKS URL, issuer and the InitiateAuth response. */
  get cognito() {
    return JSON.parse(required('TOKENLENS_E2E_COGNITO'));
  },
};

export const haveVenv = () => existsSync(path.join(VENV, 'bin', 'moto_server'));

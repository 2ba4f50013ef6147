// What global setup serves besides the plain build, and what the specs need to know about it:
// the build under a nested base path, and copies with a valid and broken presets files
// (tokenlens.config.json), all on one static server (TOKENLENS_E2E_MOUNTS_URL); and the offline
// single file made by scripts/build-offline.mjs.
import path from 'node:path';
import { REPO } from './env.mjs';

/** Mount name → URL path prefix on the mounts server. */
export const MOUNTS = {
  nested: '/nested/base/path/',
  presets: '/presets/',
  broken: '/presets-broken/',
  notJson: '/presets-notjson/',
};

/** The offline single file, built from TOKENLENS_DIST in global setup. */
export const OFFLINE_FILE = path.join(REPO, 'test-results', 'offline', 'tokenlens-offline.html');

/** The keys-server namespace the loopback preset points at (not a test's own). */
export const PRESETS_NS = 'presets-loopback';

/** The valid presets file, as an object (its JSON is served). `keysUrl`: the keys server. */
export function validPresets(keysUrl) {
  const loopback = `${keysUrl}/t/${PRESETS_NS}/cors/rs256`;
  return {
    version: 1,
    default_profile: 'e2e-orders',
    profiles: [
      {
        name: 'e2e-orders',
        issuer: 'https://login.example.com/e2e',
        client_ids: ['e2e-client-1'],
        scopes: ['orders/read'],
        gateway: 'http-jwt',
        fields: { leeway: '30' },
      },
      { name: 'e2e-loopback', issuer: loopback, jwks_url: `${loopback}/jwks.json`, gateway: 'oidc' },
    ],
    // `localhost` for the https keys server of presets.spec; 127.0.0.1 is listed to show that a
    // loopback http:// issuer still waits for a click.
    auto_fetch_hosts: ['localhost', '127.0.0.1'],
  };
}

/** Broken in three places, each with its JSON path; one profile stays usable. */
export const BROKEN_PRESETS = {
  version: 1,
  default_profile: 'no-such-profile',
  profiles: [
    { name: 'still-good', issuer: 'https://good.example.com/e2e', gateway: 'http-jwt' },
    { name: 'bad-gateway', gateway: 'api-gateway-v9' },
  ],
  auto_fetch_hosts: ['*.com'],
};

/** Mount name → extra files served at its top level. */
export function presetsFiles(keysUrl) {
  return {
    presets: { 'tokenlens.config.json': JSON.stringify(validPresets(keysUrl), null, 2) },
    broken: { 'tokenlens.config.json': JSON.stringify(BROKEN_PRESETS, null, 2) },
    notJson: { 'tokenlens.config.json': '{ "version": 1,\n  "profiles": [ }\n' },
  };
}

/** Absolute URL of mount `name` (with its trailing slash). */
export function mountUrl(name) {
  const base = process.env.TOKENLENS_E2E_MOUNTS_URL;
  if (!base) throw new Error('TOKENLENS_E2E_MOUNTS_URL is not set: run through playwright.config.mjs');
  return new URL(MOUNTS[name], base).href;
}

// Starts the static server (serving TOKENLENS_DIST), the keys server (JWKS/discovery for every
// algorithm, with and without CORS), the Cognito emulator and nginx with the sample configuration
// (serving TOKENLENS_DIST too), seeds a user pool,
// and hands their addresses to the tests through environment variables (see support/env.mjs).
// Returns the teardown, which Playwright runs after the last test, also when tests failed.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DIST, E2E_DIR, JOSE_DIR, REPO, VENV } from './support/env.mjs';
import { startKeysServer } from './support/keys-server.mjs';
import { execFileSync } from 'node:child_process';
import { MOUNTS, OFFLINE_FILE, presetsFiles } from './support/mounts.mjs';
import { startNginx } from './support/nginx.mjs';
import { seedCognito, startMoto, startMountedServer, startStaticServer } from './support/servers.mjs';

export default async function globalSetup() {
  const stopped = [];
  const teardown = async () => {
    for (const stop of stopped.reverse()) await stop();
  };
  let logDir;
  try {
    const web = await startStaticServer(DIST);
    stopped.push(web.close);

    const keys = await startKeysServer(JOSE_DIR);
    stopped.push(keys.close);
    process.env.TOKENLENS_E2E_KEYS_URL = keys.url;

    // The same build under other base paths, with and without a presets file (support/mounts.mjs).
    const files = presetsFiles(keys.url);
    const mounted = await startMountedServer(
      Object.entries(MOUNTS).map(([name, prefix]) => ({ prefix, root: DIST, files: files[name] ?? {} })),
    );
    stopped.push(mounted.close);
    process.env.TOKENLENS_E2E_MOUNTS_URL = mounted.url;

    // The offline single file (scripts/build-offline.mjs), opened from file:// by offline.spec.
    execFileSync(process.execPath, [path.join(REPO, 'scripts', 'build-offline.mjs'), DIST, OFFLINE_FILE], {
      stdio: ['ignore', 'ignore', 'inherit'],
    });

    logDir = mkdtempSync(path.join(os.tmpdir(), 'tokenlens-e2e-'));
    const moto = await startMoto(VENV, path.join(logDir, 'moto_server.log'));
    stopped.push(moto.stop);

    const cognito = await seedCognito(VENV, path.join(E2E_DIR, 'cognito_seed.py'), moto.url);

    // The build behind nginx with scripts/nginx.conf.sample (support/nginx.mjs).
    const nginx = await startNginx(DIST, mkdtempSync(path.join(logDir, 'nginx-')));
    stopped.push(nginx.stop);
    process.env.TOKENLENS_E2E_NGINX_URL = nginx.url;

    process.env.TOKENLENS_E2E_BASE_URL = web.url;
    process.env.TOKENLENS_E2E_MOTO_URL = moto.url;
    process.env.TOKENLENS_E2E_COGNITO = JSON.stringify(cognito);
    console.log(
      `e2e: app ${web.url} (from ${DIST}); keys server ${keys.url}; Cognito emulator ${moto.url}, pool ${cognito.pool_id}; nginx ${nginx.url}`,
    );
  } catch (error) {
    await teardown();
    if (logDir && existsSync(path.join(logDir, 'moto_server.log'))) {
      console.error(`e2e: setup failed; the logs of moto_server and nginx (if started) kept in ${logDir}`);
    } else if (logDir) {
      rmSync(logDir, { recursive: true, force: true });
    }
    throw error;
  }
  return async () => {
    await teardown();
    rmSync(logDir, { recursive: true, force: true });
  };
}

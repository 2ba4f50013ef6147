// The smallest page a JavaScript developer would write to do what a tokenlens share link does:
// read the same fragment (`#v1.f.<base64url JSON {t: token, k: JWKS text}>`, src/share.rs),
// verify the token with jose against the JWKS, and show the verdict and the claims. It marks its
// verdict with `data-verdict`, as tokenlens does, so the harness times both the same way.
// Imports only the jose modules it uses (no bundler: each is fetched as a file).
import { jwtVerify } from '/node_modules/jose/dist/webapi/jwt/verify.js';
import { createLocalJWKSet } from '/node_modules/jose/dist/webapi/jwks/local.js';
import { decodeJwt } from '/node_modules/jose/dist/webapi/util/decode_jwt.js';

function readFragment() {
  const [version, mode, body] = location.hash.slice(1).split('.');
  if (version !== 'v1' || !body) throw new Error('not a v1 share link');
  const bin = atob(body.replace(/-/g, '+').replace(/_/g, '/'));
  const bytes = Uint8Array.from(bin, (ch) => ch.charCodeAt(0));
  return { mode, ...JSON.parse(new TextDecoder().decode(bytes)) };
}

const p = document.createElement('p');
p.dataset.testid = 'verdict';
const pre = document.createElement('pre');
const input = document.createElement('textarea');
input.id = 'token-input';
input.setAttribute('aria-label', 'Token');
input.rows = 6;
input.cols = 100;
let keys = null;

/** Decode, verify, show: what the page does on load and on every keystroke. */
async function check() {
  // The harness waits for the frame after this is false again (verification is asynchronous).
  window.__benchPending = true;
  let verdict, claims, message;
  try {
    claims = decodeJwt(input.value.trim());
    await jwtVerify(input.value.trim(), keys);
    verdict = 'valid';
    message = 'Signature verified';
  } catch (e) {
    verdict = 'invalid';
    message = `${e?.code ?? e?.name}: ${e?.message}`;
  }
  p.dataset.verdict = verdict;
  p.textContent = message;
  pre.textContent = JSON.stringify(claims ?? null, null, 2);
  window.__benchPending = false;
}

try {
  const link = readFragment();
  input.value = link.t;
  keys = createLocalJWKSet(JSON.parse(link.k));
} catch (e) {
  p.textContent = `unreadable link: ${e.message}`;
}
input.addEventListener('input', check);
document.body.append(input, p, pre);
await check();

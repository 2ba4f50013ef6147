// Build step (scripts/post-build.mjs runs it between minify-names.mjs and minify-glue.mjs; bench.sh
// runs it on the benchmark's glue): strings of more than 448 UTF-16 units enter the wasm through
// the browser's TextEncoder.encodeInto instead of wasm-bindgen's JavaScript loop.
//
// wasm-bindgen 0.2.130's passStringToWasm0 copies a string into the module's memory one
// charCodeAt at a time while it is ASCII, and hands only the rest to encodeInto. Every value the
// page reads from the paste box (each keystroke, a 1 MiB paste) and every token the benchmark
// passes goes through it. In Chromium 156 the loop costs about 2.5 ns a character; encodeInto
// about 0.6 µs fixed (its view of the memory, the call) and 1.2 ns a character, so it wins from
// about 400 characters (string-length sweep, A/B in one page): decoding a 1,074-character token
// went from 6.1 to 5.4 µs, a 15,741-character one from 46 to 32 µs. Shorter strings keep the loop.
// In scripts/bench.sh's own page the gain is smaller: the Cognito token's decode did not move
// (5.7 µs), the 16 KB token's went from 57 to 51–52 µs, and a 1 MiB paste's own work from 15.4 to
// 14.5–14.8 ms (two runs each side, on a busy machine).
//
// The copy is the same bytes: the buffer is first the string's length (enough for ASCII, as the
// loop's), and when encodeInto stops early (a character that needs more bytes) the rest gets
// three bytes a UTF-16 unit, as wasm-bindgen's own fallback does, and is then trimmed.
//
// Fails (and so fails the build) unless the function reads exactly as wasm-bindgen 0.2.130 wrote
// it.
//
//   node scripts/string-pass.mjs FILE.js ...     (rewrites each glue file in place)
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loaderFiles, rehash } from './minify-names.mjs';

const fail = (msg) => {
  throw new Error(`string-pass: ${msg}`);
};

/** The start of wasm-bindgen's ASCII path, as it writes it. */
const LOOP = `    let len = arg.length;
    let ptr = malloc(len, 1) >>> 0;

    const mem = getUint8ArrayMemory0();

    let offset = 0;

    for (; offset < len; offset++) {
        const code = arg.charCodeAt(offset);
        if (code > 0x7F) break;
        mem[ptr + offset] = code;
    }
`;

/** What goes before it. */
const ENCODE_INTO = `    let len = arg.length;
    if (len > 448) {
        let ptr = malloc(len, 1) >>> 0;
        let ret = cachedTextEncoder.encodeInto(arg, getUint8ArrayMemory0().subarray(ptr, ptr + len));
        let offset = ret.written;
        if (ret.read !== arg.length) {
            const rest = arg.slice(ret.read);
            ptr = realloc(ptr, len, len = offset + rest.length * 3, 1) >>> 0;
            ret = cachedTextEncoder.encodeInto(rest, getUint8ArrayMemory0().subarray(ptr + offset, ptr + len));
            offset += ret.written;
            ptr = realloc(ptr, len, offset, 1) >>> 0;
        }
        WASM_VECTOR_LEN = offset;
        return ptr;
    }
`;

/** `js` with long strings passed by encodeInto. */
export function fastStringPassText(js) {
  const at = js.indexOf(LOOP);
  if (at < 0 || js.indexOf(LOOP, at + 1) >= 0) {
    fail('passStringToWasm0 is not the one wasm-bindgen 0.2.130 writes, exactly once');
  }
  if (!/\bconst cachedTextEncoder\b/.test(js)) fail('the glue has no cachedTextEncoder');
  return js.slice(0, at) + ENCODE_INTO + LOOP.slice('    let len = arg.length;\n'.length) + js.slice(at + LOOP.length);
}

/** Rewrites the glue `dir`/index.html's loader imports, and updates its integrity hash. */
export function fastStringPass(dir) {
  const { jsName } = loaderFiles(dir);
  const js = readFileSync(join(dir, jsName), 'utf8');
  writeFileSync(join(dir, jsName), fastStringPassText(js));
  rehash(dir, [jsName]);
  console.log(`string-pass.mjs: ${jsName}: strings over 448 characters by encodeInto`);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const files = process.argv.slice(2);
  if (files.length === 0) fail('no glue file given');
  for (const f of files) writeFileSync(f, fastStringPassText(readFileSync(f, 'utf8')));
}

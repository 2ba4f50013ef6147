// Trunk post-build step (scripts/post-build.mjs runs it before csp.mjs): gives the names that
// join the page's wasm and its wasm-bindgen glue short replacements, in both files.
//
// wasm-bindgen names each JS function the module imports `__wbg_<name>_<16 hex digits>` and
// each closure entry point it exports after its full Rust type; 164 imports and 7 such exports
// are about 5 KB of names that gzip cannot shrink (the hex is random), written twice: in the
// wasm's import and export sections and in the glue's object keys and `wasm.<name>` calls.
// The functions are the same; only the names change (`_0`, `_1`, … for imports, `x0`, … for
// those exports). Other exports (`memory`, `__wbindgen_start`, …) keep their names: the page's
// loader and the benchmark read them. The `integrity` hashes Trunk wrote into index.html for the
// two files are recomputed. The lazy worker module (lazy/) is left as built.
//
//   node scripts/minify-names.mjs [dir]     (default: $TRUNK_STAGING_DIR)
//
// Fails (and so fails the build) on anything it does not expect, rather than ship a page whose
// glue and module disagree. No dependencies: plain Node.
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

const fail = (msg) => {
  throw new Error(`minify-names: ${msg}`);
};

/** Reads an unsigned LEB128 at `at`: [value, next offset]. */
function leb(bytes, at) {
  let value = 0;
  let shift = 0;
  for (;;) {
    if (at >= bytes.length) fail('truncated LEB128');
    const b = bytes[at++];
    value += (b & 0x7f) * 2 ** shift;
    shift += 7;
    if (b < 0x80) return [value, at];
    if (shift > 35) fail('LEB128 too long');
  }
}

/** Encodes an unsigned LEB128. */
function uleb(value) {
  const out = [];
  do {
    let b = value % 128;
    value = Math.floor(value / 128);
    if (value > 0) b |= 0x80;
    out.push(b);
  } while (value > 0);
  return Buffer.from(out);
}

const nameBytes = (s) => {
  const b = Buffer.from(s, 'utf8');
  return Buffer.concat([uleb(b.length), b]);
};

/** Reads a length-prefixed UTF-8 name: [string, next offset]. */
function name(bytes, at) {
  const [len, start] = leb(bytes, at);
  return [bytes.subarray(start, start + len).toString('utf8'), start + len];
}

/** The end of an import's description (after its kind byte at `at`). */
function importDescEnd(bytes, kind, at) {
  const limits = (p) => {
    const [flags, q] = leb(bytes, p);
    let [, r] = leb(bytes, q);
    if (flags & 1) [, r] = leb(bytes, r);
    return r;
  };
  switch (kind) {
    case 0: // function: type index
      return leb(bytes, at)[1];
    case 1: // table: reference type, limits
      return limits(at + 1);
    case 2: // memory: limits
      return limits(at);
    case 3: // global: value type, mutability
      return at + 2;
    case 4: // tag: attribute, type index
      return leb(bytes, at + 1)[1];
    default:
      return fail(`import of unknown kind ${kind}`);
  }
}

/**
 * The sections of `wasm`, each as `{ id, bytes }` (the whole section, header included); the
 * import (2) and export (7) sections also as `entries`: `{ module, field, tail }` for an import,
 * `{ field, tail }` for an export, `tail` being the bytes after the names (kind and index or
 * description). Fails on anything it cannot read to the end.
 */
function sections(wasm) {
  if (wasm.readUInt32LE(0) !== 0x6d736100 || wasm.readUInt32LE(4) !== 1) fail('not a wasm module');
  const out = [];
  let at = 8;
  while (at < wasm.length) {
    const id = wasm[at];
    const [size, start] = leb(wasm, at + 1);
    const end = start + size;
    if (end > wasm.length) fail(`section ${id} runs past the end`);
    const section = { id, bytes: wasm.subarray(at, end) };
    if (id === 2 || id === 7) {
      const [count, first] = leb(wasm, start);
      section.entries = [];
      let p = first;
      for (let i = 0; i < count; i++) {
        if (id === 2) {
          const [module, q] = name(wasm, p);
          const [field, r] = name(wasm, q);
          p = importDescEnd(wasm, wasm[r], r + 1);
          section.entries.push({ module, field, tail: wasm.subarray(r, p) });
        } else {
          const [field, q] = name(wasm, p);
          p = leb(wasm, q + 1)[1];
          section.entries.push({ field, tail: wasm.subarray(q, p) });
        }
      }
      if (p !== end) fail(`section ${id} has ${end - p} bytes after its last entry`);
    }
    out.push(section);
    at = end;
  }
  return out;
}

/**
 * Rewrites the import section (names from `module` by `rename.imports`) and the export section
 * (by `rename.exports`) of `wasm`; returns the new bytes.
 */
function rewriteWasm(wasm, module, rename) {
  const parts = [wasm.subarray(0, 8)];
  for (const { id, bytes, entries } of sections(wasm)) {
    if (!entries) {
      parts.push(bytes);
      continue;
    }
    const body = [uleb(entries.length)];
    for (const e of entries) {
      if (id === 2) {
        const renamed = e.module === module ? rename.imports.get(e.field) : undefined;
        body.push(nameBytes(e.module), nameBytes(renamed ?? e.field), e.tail);
      } else {
        body.push(nameBytes(rename.exports.get(e.field) ?? e.field), e.tail);
      }
    }
    const payload = Buffer.concat(body);
    parts.push(Buffer.from([id]), uleb(payload.length), payload);
  }
  return Buffer.concat(parts);
}

/** The imports from `module` and the exports of `wasm`, by name. */
function namesOf(wasm, module) {
  const all = sections(wasm);
  const entries = (id) => all.filter((s) => s.id === id).flatMap((s) => s.entries);
  return {
    imports: entries(2).filter((e) => e.module === module).map((e) => e.field),
    exports: entries(7).map((e) => e.field),
  };
}

const IDENT = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** Replaces every whole-word `old` in `js` by `new`, and says how often. */
function replaceWord(js, from, to) {
  let n = 0;
  const out = js.replace(new RegExp(`(?<![A-Za-z0-9_$])${from}(?![A-Za-z0-9_$])`, 'g'), () => {
    n++;
    return to;
  });
  return [out, n];
}

/**
 * Recomputes the `integrity` hashes Trunk wrote into `dir`/index.html (modulepreload / preload /
 * stylesheet links) for `files`, after a step rewrote them: a stale hash would stop the page.
 */
export function rehash(dir, files) {
  const htmlFile = join(dir, 'index.html');
  const digests = new Map(
    files.map((f) => [f, (algo) => createHash(algo).update(readFileSync(join(dir, f))).digest('base64')]),
  );
  const html = readFileSync(htmlFile, 'utf8').replace(/<link\b[^>]*>/g, (tag) => {
    const file = tag.match(/\bhref="\.\/([^"]+)"/)?.[1];
    const digest = digests.get(file);
    if (!digest || !/\bintegrity=/.test(tag)) return tag;
    let n = 0;
    const out = tag.replace(/\bintegrity="(sha\d+)-[^"]*"/, (_, algo) => {
      n++;
      return `integrity="${algo}-${digest(algo)}"`;
    });
    if (n !== 1) fail(`cannot read the integrity of ${tag}`);
    return out;
  });
  writeFileSync(htmlFile, html);
}

/** The glue and module Trunk's loader in `dir`/index.html loads. */
export function loaderFiles(dir) {
  const html = readFileSync(join(dir, 'index.html'), 'utf8');
  return {
    jsName: html.match(/from\s+'\.\/([^'"]+\.js)'/)?.[1] ?? fail('the loader imports no ./*.js'),
    wasmName: html.match(/module_or_path:\s*'\.\/([^'"]+\.wasm)'/)?.[1] ?? fail('the loader names no ./*.wasm'),
  };
}

export function minifyNames(dir) {
  const { jsName, wasmName } = loaderFiles(dir);
  let js = readFileSync(join(dir, jsName), 'utf8');
  const wasm = readFileSync(join(dir, wasmName));

  // The glue hands its imports to the module as one object under this module name.
  const module = js.match(/"(\.\/[A-Za-z0-9_]+_bg\.js)":\s*import0\b/)?.[1] ?? fail(`${jsName}: no import object`);
  const { imports, exports } = namesOf(wasm, module);
  if (imports.length === 0) fail(`${wasmName}: no imports from ${module}`);

  const rename = { imports: new Map(), exports: new Map() };
  imports.forEach((n, i) => rename.imports.set(n, `_${i.toString(36)}`));
  exports
    .filter((n) => n.startsWith('wasm_bindgen_'))
    .forEach((n, i) => rename.exports.set(n, `x${i.toString(36)}`));
  const taken = new Set([...imports, ...exports]);
  for (const [from, to] of [...rename.imports, ...rename.exports]) {
    if (!IDENT.test(from)) fail(`unexpected name ${from}`);
    if (taken.has(to)) fail(`new name ${to} is already a name of the module`);
    // A new name must not be a word the glue already uses (a variable, a property).
    if (replaceWord(js, to, to)[1] > 0) fail(`new name ${to} already occurs in ${jsName}`);
  }

  // Longest first: no name is a whole word inside another, but keep the order safe anyway.
  const all = [...rename.imports, ...rename.exports].sort(([a], [b]) => b.length - a.length);
  for (const [from, to] of all) {
    let n;
    [js, n] = replaceWord(js, from, to);
    if (n === 0) fail(`${jsName} never names ${from}`);
  }
  const before = wasm.length;
  const out = rewriteWasm(wasm, module, rename);
  const check = namesOf(out, module);
  if (check.imports.length !== imports.length || check.exports.length !== exports.length) {
    fail('the rewritten module lost an import or export');
  }
  writeFileSync(join(dir, wasmName), out);
  writeFileSync(join(dir, jsName), js);

  rehash(dir, [jsName, wasmName]);
  console.log(
    `minify-names.mjs: ${rename.imports.size} imports and ${rename.exports.size} exports renamed; ` +
      `${wasmName} ${before} → ${out.length} bytes`,
  );
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const dir = process.env.TRUNK_STAGING_DIR ?? process.argv[2] ?? fail('no TRUNK_STAGING_DIR and no directory argument');
  minifyNames(dir);
}

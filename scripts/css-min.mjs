// Build step (scripts/post-build.mjs): the stylesheet without its comments and layout
// whitespace. static/style.css keeps them for whoever edits it; the page does not need them
// (−0.3 KB gzip of the 4.4 KB). Trunk's own minifier cannot be used: turning it on minifies the
// glue and index.html too, which breaks the build (see README, Size).
//
// Only what is certain to mean nothing goes: comments, and whitespace next to `{`, `}`, `;` or
// at either end; any other run of whitespace becomes one space (a space between selector parts
// or values can matter). Quoted strings are copied as they are. An unterminated comment or
// string, or a comment that alone separates two tokens, fails the build rather than guess.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { rehash } from './minify-names.mjs';

const fail = (msg) => {
  throw new Error(`css-min: ${msg}`);
};

/** `css` without comments and insignificant whitespace. */
export function minifyCss(css) {
  const out = [];
  let space = false; // whitespace was skipped since the last output
  const isSpace = (c) => c === ' ' || c === '\t' || c === '\n' || c === '\r' || c === '\f';
  const tight = (c) => c === '{' || c === '}' || c === ';';
  const emit = (text) => {
    const last = out.length ? out[out.length - 1].at(-1) : undefined;
    if (space && last !== undefined && !tight(last) && !tight(text[0])) out.push(' ');
    space = false;
    out.push(text);
  };
  for (let i = 0; i < css.length; ) {
    const c = css[i];
    if (c === '/' && css[i + 1] === '*') {
      const end = css.indexOf('*/', i + 2);
      if (end < 0) fail(`unterminated comment at ${i}`);
      i = end + 2; // as if absent: whitespace around it still counts
      const last = out.length ? out[out.length - 1].at(-1) : '{';
      if (!space && !tight(last) && i < css.length && !isSpace(css[i]) && !tight(css[i])) {
        fail(`a comment joins two tokens at ${end}: write a space beside it`);
      }
    } else if (isSpace(c)) {
      while (i < css.length && isSpace(css[i])) i++;
      space = true;
    } else if (c === '"' || c === "'") {
      let j = i + 1;
      while (j < css.length && css[j] !== c && css[j] !== '\n') j += css[j] === '\\' ? 2 : 1;
      if (css[j] !== c) fail(`unterminated string at ${i}`);
      emit(css.slice(i, j + 1));
      i = j + 1;
    } else if (tight(c)) {
      emit(c);
      i++;
    } else {
      let j = i + 1;
      while (j < css.length && !isSpace(css[j]) && !'"\'/{};'.includes(css[j])) j++;
      emit(css.slice(i, j));
      i = j;
    }
  }
  return out.join('');
}

/** Minifies every stylesheet `dir`/index.html links, and updates their integrity hashes. */
export function minifyStylesheets(dir) {
  const html = readFileSync(join(dir, 'index.html'), 'utf8');
  const files = [...html.matchAll(/<link\b[^>]*\brel="stylesheet"[^>]*>/g)]
    .map((m) => m[0].match(/\bhref="\.\/([^"]+\.css)"/)?.[1] ?? fail(`cannot read ${m[0]}`));
  if (files.length === 0) fail('index.html links no stylesheet');
  for (const f of files) {
    const css = readFileSync(join(dir, f), 'utf8');
    const min = minifyCss(css);
    writeFileSync(join(dir, f), min);
    console.log(`css-min.mjs: ${f} ${css.length} → ${min.length} bytes`);
  }
  rehash(dir, files);
}

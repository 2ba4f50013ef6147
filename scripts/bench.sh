#!/usr/bin/env bash
# Measures tokenlens against the JavaScript tools people would use instead (jose 6.2,
# aws-jwt-verify 5.2.1) and the bare WebCrypto call, side by side in one headless Chromium run:
# per-call verify and decode, the whole per-keystroke pipeline, navigation → verdict painted for a
# share link, keystroke → next frame, a 1 MiB paste, transfer sizes. Prints a table of absolute
# figures and ratios (median [min–max]) and writes target/bench/bench.json.
#
#   scripts/bench.sh [--no-build]
#
# A benchmark, not a test: it never fails on a figure. Options are environment variables, see
# bench/run.mjs (BENCH_LOADS, BENCH_NAV, BENCH_KEYS, BENCH_PASTES, BENCH_BATCH_MS, …).
#
# Builds two things:
#   dist/             the release app, exactly as shipped (trunk build --release --offline, run
#                     through tl_as_shipped from scripts/setup.sh)
#   target/bench/pkg  src/bin/bench.rs (the core exposed to JS) for wasm32, release profile,
#                     built as shipped too, through wasm-bindgen --target web and wasm-opt -Oz
#                     like the app, its glue passing strings as the app's (string-pass.mjs)
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/setup.sh test

if [ "${1:-}" != --no-build ]; then
  tl_as_shipped trunk build --release --offline
  tl_as_shipped cargo build --release --offline --target wasm32-unknown-unknown --bin bench
  target_dir=$(cargo metadata --offline --format-version 1 --no-deps |
    node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>console.log(JSON.parse(s).target_directory))')
  rm -rf target/bench/pkg
  mkdir -p target/bench/pkg
  wasm-bindgen --target web --no-typescript --out-dir target/bench/pkg \
    "$target_dir/wasm32-unknown-unknown/release/bench.wasm"
  wasm-opt -Oz target/bench/pkg/bench_bg.wasm -o target/bench/pkg/bench_bg.wasm
  # Strings into the wasm as the page passes them (scripts/post-build.mjs).
  node scripts/string-pass.mjs target/bench/pkg/bench.js
fi

echo "machine: $(nproc) CPUs, $(uptime | sed 's/.*load average/load average/')" >&2
node bench/run.mjs

#!/usr/bin/env bash
# Builds the release app under several size-related profile settings and prints the wasm size
# of each (raw, gzip -9), so the choice in Cargo.toml's [profile.release] rests on figures.
# Slow (one full release build per row, ~1-2 min each); not part of scripts/test.sh.
# Plain Trunk, without the shipped build's panic and location options (tl_as_shipped in
# scripts/setup.sh), which would override the panic setting each row compares.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/setup.sh build
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
# name | opt-level | lto | codegen-units | panic
variants=(
  "cargo-default|3|false|16|unwind"
  "opt-s|s|false|16|unwind"
  "opt-z|z|false|16|unwind"
  "opt-z+lto+cu1|z|true|1|unwind"
  "opt-z+lto+cu1+abort|z|true|1|abort"
  "opt-s+lto+cu1+abort|s|true|1|abort"
  "opt-3+lto+cu1+abort|3|true|1|abort"
)
printf '%-22s %10s %10s %8s\n' variant wasm-raw wasm-gzip build-s
for v in "${variants[@]}"; do
  IFS='|' read -r name opt lto cu panic <<<"$v"
  start=$SECONDS
  CARGO_TARGET_DIR="$PWD/target/bench-$name" \
    CARGO_PROFILE_RELEASE_OPT_LEVEL=$opt CARGO_PROFILE_RELEASE_LTO=$lto \
    CARGO_PROFILE_RELEASE_CODEGEN_UNITS=$cu CARGO_PROFILE_RELEASE_PANIC=$panic \
    trunk build --release --offline --dist "$out/$name" >"$out/$name.log" 2>&1 ||
    { echo "$name: build failed (see below)"; tail -20 "$out/$name.log"; continue; }
  wasm=$(ls "$out/$name"/*.wasm)
  printf '%-22s %10s %10s %8s\n' "$name" "$(stat -c %s "$wasm")" "$(gzip -9 -c "$wasm" | wc -c)" $((SECONDS - start))
  rm -rf "$PWD/target/bench-$name"
done

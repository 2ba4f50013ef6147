#!/usr/bin/env bash
# Installs what is missing, then runs every check tokenlens has, in this order:
#   fmt · clippy (host) · clippy (wasm32, and the app without RustCrypto) · native tests (and
#   key parsing without RustCrypto) · fuzzing (10 s per target) · browser tests (wasm-bindgen-test in
#   headless Chromium) · differential test against aws-jwt-verify · release build (trunk,
#   wasm-opt) · sizes · end-to-end tests (Playwright, real Chromium, against the release build
#   with its own loopback servers).
# Every stage runs even when an earlier one failed (unless it needs that one's output), and the
# last line sums up: "summary: N passed, M failed". Exit status is non-zero if anything failed.
set -uo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
source scripts/setup.sh test || exit 1
# A run from a fresh clone gains nothing from incremental compilation's caches (2–2.5 GB per
# target here); `cargo test` run by hand keeps them.
export CARGO_INCREMENTAL=0

logs="$root/target/test-logs"
mkdir -p "$logs"
passed=0 failed=0
declare -a report=()

# run_stage NAME COMMAND...: run, tee the output to a log, count tests or the stage itself.
run_stage() {
  local name=$1; shift
  printf '\n\033[1m== %s\033[0m\n' "$name"
  local log="$logs/$name.log" start=$SECONDS status
  "$@" 2>&1 | tee "$log"
  status=${PIPESTATUS[0]}
  local p f
  p=$(count "$log" passed) f=$(count "$log" failed)
  if [ "$p" = 0 ] && [ "$f" = 0 ]; then # a check, not a test runner: counts as one
    if [ "$status" = 0 ]; then p=1; else f=1; fi
  elif [ "$status" != 0 ] && [ "$f" = 0 ]; then
    f=1 # the runner failed without naming a failed test (build error, crash)
  fi
  passed=$((passed + p)) failed=$((failed + f))
  report+=("$(printf '%-14s %s  %4s passed %3s failed  %3ss' "$name" "$([ "$status" = 0 ] && echo ok || echo FAIL)" "$p" "$f" $((SECONDS - start)))")
  return "$status"
}

# count LOG passed|failed: sums cargo's "test result: … N passed; M failed" and Playwright's "N passed".
count() {
  awk -v what="$2" '
    /^test result:/ { for (i = 1; i < NF; i++) if ($(i+1) ~ "^" what) { gsub(/[^0-9]/, "", $i); n += $i } }
    /^ *[0-9]+ (passed|failed|flaky)( |$)/ && $2 == what { n += $1 }
    /^[a-z]+: [0-9]+ passed, [0-9]+ failed$/ { n += (what == "passed") ? $2 : $4 }
    END { print n + 0 }' "$1"
}

run_stage fmt cargo fmt --all -- --check
run_stage clippy-host cargo clippy --all-targets --offline -- -D warnings
run_stage clippy-wasm cargo clippy --all-targets --offline --target wasm32-unknown-unknown -- -D warnings
# The page itself is built without RustCrypto (index.html: data-cargo-no-default-features).
run_stage clippy-app cargo clippy --offline --target wasm32-unknown-unknown --no-default-features --bin tokenlens -- -D warnings
run_stage native cargo test --offline
# Key parsing as the page builds it (without RustCrypto: points by shape, no key derivation).
run_stage native-app cargo test --offline --no-default-features --lib jose::
# Every parser family and the whole pipeline under cargo-fuzz (nightly, AddressSanitizer), 10 s
# per target: a crash or an input slower than 10 s fails the run (scripts/fuzz.sh).
run_stage fuzz scripts/fuzz.sh --ci
# Browser tests are the tests/browser*.rs targets; the native suites need an OS (proptest).
browser_targets=()
for f in tests/browser*.rs; do browser_targets+=(--test "$(basename "$f" .rs)"); done
run_stage browser cargo test --offline --target wasm32-unknown-unknown "${browser_targets[@]}"
# The Lambda profile against the real aws-jwt-verify, on tokens from the Cognito emulator and
# locally signed ones; prints the table and "differential: N passed, M failed".
run_stage differential node tests/differential/run.mjs
if run_stage build tl_as_shipped trunk build --release --offline --dist "$root/dist"; then
  run_stage sizes scripts/sizes.sh "$root/dist"
  TOKENLENS_DIST="$root/dist" run_stage e2e npx playwright test -c tests/e2e/playwright.config.mjs
else
  report+=("e2e            skipped: the release build failed")
  failed=$((failed + 1))
fi

printf '\n\033[1m== results\033[0m\n'
printf '%s\n' "${report[@]}"
echo "summary: $passed passed, $failed failed"
[ "$failed" = 0 ]

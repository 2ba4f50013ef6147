#!/usr/bin/env bash
# Fuzzes every parser family of tokenlens with cargo-fuzz (libFuzzer, AddressSanitizer, debug
# assertions and overflow checks) on the nightly toolchain.
#
#   scripts/fuzz.sh [SECONDS] [TARGET...]   each target for SECONDS (default 60); all targets
#                                           unless some are named
#   scripts/fuzz.sh --ci                    each target for 10 s (the test command's stage)
#   scripts/fuzz.sh --list                  the target names
#
# Seeds each target's corpus from tests/fixtures (copied into fuzz/corpus/, which is not
# committed). Exits non-zero when a target crashes, leaks, overflows, or an input runs longer
# than the timeout (10 s): libFuzzer leaves the input in fuzz/artifacts/TARGET/. Every such
# input must become a named test in tests/native/hostile.rs.
set -uo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)

CARGO_FUZZ_VERSION=0.13.1
TARGETS=(input_extract token_parse json_exact key_input share_decode presets gateway_answer
  discovery pipeline)

seconds=60
if [ "${1:-}" = "--ci" ]; then
  seconds=10
  shift
elif [ "${1:-}" = "--list" ]; then
  printf '%s\n' "${TARGETS[@]}"
  exit 0
elif [[ "${1:-}" =~ ^[0-9]+$ ]]; then
  seconds=$1
  shift
fi
if [ $# -gt 0 ]; then TARGETS=("$@"); fi

# cargo-fuzz needs -Zsanitizer, so a nightly compiler: this one, pinned like every other tool.
# A machine whose `nightly` is that same build uses it (rustup names it `nightly`, not by date);
# any other machine gets the dated toolchain.
NIGHTLY_DATE=2026-05-19
if RUSTUP_AUTO_INSTALL=0 rustup run "nightly-$NIGHTLY_DATE" rustc -V >/dev/null 2>&1; then
  nightly=nightly-$NIGHTLY_DATE
elif RUSTUP_AUTO_INSTALL=0 rustc +nightly -V 2>/dev/null | grep -q " $NIGHTLY_DATE)\$"; then
  nightly=nightly
else
  echo "fuzz: installing the nightly-$NIGHTLY_DATE toolchain (cargo-fuzz needs -Zsanitizer)"
  rustup toolchain install "nightly-$NIGHTLY_DATE" --profile minimal || exit 1
  nightly=nightly-$NIGHTLY_DATE
fi
if ! cargo fuzz --version 2>/dev/null | grep -q "$CARGO_FUZZ_VERSION"; then
  echo "fuzz: installing cargo-fuzz $CARGO_FUZZ_VERSION"
  cargo install cargo-fuzz --version "$CARGO_FUZZ_VERSION" --locked || exit 1
fi

export CARGO_TARGET_DIR="${CARGO_TARGET_DIR_FUZZ:-$root/target/fuzz}"
cd fuzz || exit 1

# Seed corpora: every fixture file for the byte-level targets; the tokens of tokens.json, one
# per file, for the token and pipeline targets; the JSON fixtures for the JSON reader.
seed() {
  local target=$1 dir="corpus/$1"
  mkdir -p "$dir"
  case "$target" in
    token_parse | input_extract | pipeline | share_decode)
      python3 - "$dir" <<'PY'
import json, sys, pathlib
out = pathlib.Path(sys.argv[1])
for case in json.load(open("../tests/fixtures/jose/tokens.json")):
    (out / f"seed-{case['name']}").write_text(case["token"])
    (out / f"seed-{case['name']}-bearer").write_text("Authorization: Bearer " + case["token"])
PY
      ;;
    json_exact | key_input | discovery)
      find ../tests/fixtures -name '*.json' -o -name '*.pem' -o -name '*.txt' |
        while read -r f; do cp "$f" "$dir/seed-$(echo "$f" | tr '/.' '__')"; done
      ;;
    presets)
      find .. -maxdepth 3 -name 'presets*.json' -not -path '*/node_modules/*' |
        while read -r f; do cp "$f" "$dir/seed-$(basename "$f")"; done
      ;;
    gateway_answer)
      printf '{"message":"Unauthorized"}' >"$dir/seed-unauthorized"
      printf 'HTTP/1.1 401 Unauthorized\r\nwww-authenticate: Bearer error="invalid_token"\r\n\r\n{"message":"Unauthorized"}' >"$dir/seed-http"
      printf '{"Message":"User is not authorized to access this resource with an explicit deny"}' >"$dir/seed-deny"
      ;;
  esac
}

failed=()
for target in "${TARGETS[@]}"; do
  seed "$target"
  echo "== fuzz $target for ${seconds}s"
  cargo "+$nightly" fuzz run "$target" "corpus/$target" -- \
    -max_total_time="$seconds" -timeout=10 -rss_limit_mb=4096 -max_len=1048576 \
    -print_final_stats=1 2>&1 | tee "fuzz-$target.log" |
    grep -E '^Done|stat::number_of_executed_units|ERROR|SUMMARY|panicked|^error'
  status=${PIPESTATUS[0]}
  if [ "$status" != 0 ]; then failed+=("$target"); fi
done

# The last line is in the form scripts/test.sh counts.
if [ ${#failed[@]} -gt 0 ]; then
  echo "fuzz: failed: ${failed[*]} (a crash or an input slower than the timeout leaves it in fuzz/artifacts/; a build error is in fuzz/fuzz-TARGET.log)"
fi
echo "fuzz: $((${#TARGETS[@]} - ${#failed[@]})) passed, ${#failed[@]} failed"
[ ${#failed[@]} -eq 0 ]

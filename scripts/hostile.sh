#!/usr/bin/env bash
# Times the hostile inputs of issue 11 (the same ones tests/native/hostile.rs checks for their
# outcome) in a release build, and prints `case | size | ms | budget | ok`. The budget: 50 ms up
# to 1 MiB of input, 500 ms up to 10 MiB. Exits non-zero when a case is over budget, so a
# quadratic path shows up before a user meets it. Each case runs HOSTILE_RUNS times (default 5)
# and the fastest run is reported: the slower ones measure the machine's load, not the code.
# Still, run it on an idle machine before trusting an OVER. Not a test (cargo test never times
# anything).
#
#   scripts/hostile.sh                       every case
#   scripts/hostile.sh "URL parameters"      the cases whose name contains this
#
# For instruction counts that do not depend on load, run one case under callgrind:
#   HOSTILE_RUNS=1 valgrind --tool=callgrind target/release/examples/hostile_bench "mixed paste: extract"
set -uo pipefail
cd "$(dirname "$0")/.."
exec cargo run --offline --release --quiet --example hostile_bench -- "$@"

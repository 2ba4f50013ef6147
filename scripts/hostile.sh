#!/usr/bin/env bash
# Times the hostile inputs of issue 11 (the same ones tests/native/hostile.rs checks for their
# outcome) in a release build, and prints `case | size | ms | budget | ok`. The budget: 50 ms up
# to 1 MiB of input, 500 ms up to 10 MiB. Exits non-zero when a case is over budget, so a
# quadratic path shows up before a user meets it. Timings depend on the machine's load: run it
# on an idle machine before trusting an OVER. Not a test (cargo test never times anything).
set -uo pipefail
cd "$(dirname "$0")/.."
exec cargo run --offline --release --quiet --example hostile_bench

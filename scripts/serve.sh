#!/usr/bin/env bash
# Installs what is missing, then serves tokenlens at http://127.0.0.1:8080 (release build,
# rebuilt on change). With no token pasted, the page shows its embedded demo: no network needed.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/setup.sh build
tl_as_shipped trunk serve --release --offline --address 127.0.0.1 --port "${PORT:-8080}" "$@"

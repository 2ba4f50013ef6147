#!/usr/bin/env bash
# Installs whatever is missing for building and testing tokenlens, at pinned versions, and puts
# the tools on PATH. Sourced by serve.sh and test.sh; safe and quick to run again.
#
#   source scripts/setup.sh [build|test]
#     build: wasm target, Trunk, wasm-bindgen-cli, wasm-opt (npm binaryen), crates fetched
#     test:  build + Chromium/ChromeDriver and nginx with its Brotli module (Debian) + Playwright
#            (npm) + the Cognito emulator (PyPI)
#
# Only package registries are reachable on our machines: nothing here downloads a binary from
# anywhere else (no `playwright install`, no Trunk tool downloads: Trunk runs with --offline).

TRUNK_VERSION=0.21.14
WASM_OPT_VERSION=132 # binaryen from npm, pinned in package.json; Debian's 108 cannot read current rustc output

tl_root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
tl_tools=${TOKENLENS_TOOLS:-$HOME/.cache/tokenlens/tools}
tl_need=${1:-build}

tl_say() { printf '\033[1msetup:\033[0m %s\n' "$*" >&2; }
tl_die() { printf '\033[1;31msetup failed:\033[0m %s\n' "$*" >&2; return 1; }
tl_as_root() { if [ "$(id -u)" = 0 ]; then "$@"; elif command -v sudo >/dev/null; then sudo "$@"; else "$@"; fi; }

# The wasm-bindgen CLI must equal the crate in Cargo.lock, or the generated glue does not match.
tl_wasm_bindgen_version() {
  awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' "$tl_root/Cargo.lock"
}

tl_setup_build() {
  command -v cargo >/dev/null || { tl_die "cargo not found: install Rust with rustup first"; return 1; }
  if ! rustup target list --installed 2>/dev/null | grep -qx wasm32-unknown-unknown; then
    tl_say "adding the wasm32-unknown-unknown target"
    rustup target add wasm32-unknown-unknown || { tl_die "rustup target add failed"; return 1; }
  fi

  local trunk_dir="$tl_tools/trunk-$TRUNK_VERSION"
  if ! "$trunk_dir/bin/trunk" --version 2>/dev/null | grep -q " $TRUNK_VERSION\$"; then
    tl_say "installing Trunk $TRUNK_VERSION (about 7 minutes, once per machine)"
    cargo install trunk --locked --version "$TRUNK_VERSION" --root "$trunk_dir" --quiet ||
      { tl_die "cargo install trunk failed"; return 1; }
  fi

  local wb_version wb_dir
  wb_version=$(tl_wasm_bindgen_version)
  [ -n "$wb_version" ] || { tl_die "no wasm-bindgen in Cargo.lock"; return 1; }
  grep -qx "wasm_bindgen = \"$wb_version\"" "$tl_root/Trunk.toml" ||
    { tl_die "Trunk.toml's [tools] wasm_bindgen must equal Cargo.lock's wasm-bindgen ($wb_version)"; return 1; }
  wb_dir="$tl_tools/wasm-bindgen-$wb_version"
  if ! "$wb_dir/bin/wasm-bindgen" --version 2>/dev/null | grep -q " $wb_version\$"; then
    tl_say "installing wasm-bindgen-cli $wb_version (about 2 minutes, once per machine)"
    # Not --locked: the CLI's own lockfile names a webpki-roots release the registry no longer has.
    cargo install wasm-bindgen-cli --version "$wb_version" --root "$wb_dir" --quiet ||
      { tl_die "cargo install wasm-bindgen-cli failed"; return 1; }
  fi

  tl_setup_npm || return 1
  if ! "$tl_root/node_modules/.bin/wasm-opt" --version 2>/dev/null | grep -q "version $WASM_OPT_VERSION"; then
    tl_die "node_modules/.bin/wasm-opt is not binaryen $WASM_OPT_VERSION"; return 1
  fi

  export PATH="$tl_root/node_modules/.bin:$wb_dir/bin:$trunk_dir/bin:$PATH"
  (cd "$tl_root" && cargo fetch --quiet) || { tl_die "cargo fetch failed"; return 1; }
  tl_setup_lean || return 1
}

# The page as shipped is built through tl_as_shipped (below), with its standard library rebuilt
# from source, so that a panic stops at once, without a message, and no source location is
# compiled in: the message formatting and the location strings were 15.9 KB of 364 KB gzip.
# Panics already aborted (panic = "abort"); their message reached only the console. These
# are unstable compiler options: RUSTC_BOOTSTRAP=1 lets the installed stable compiler take them,
# as the Linux kernel's build does for its own. Where the compiler does not know them, or the
# source cannot be had, the page is built the standard way, with a note (the size budget in
# scripts/sizes.sh then fails: it counts on these options).
TL_LEAN_RUSTFLAGS="-Zlocation-detail=none -Zunstable-options -Cpanic=immediate-abort"
tl_setup_lean() {
  tl_lean=
  # shellcheck disable=SC2086 # the flags are words
  if ! RUSTC_BOOTSTRAP=1 rustc $TL_LEAN_RUSTFLAGS --target wasm32-unknown-unknown --print cfg >/dev/null 2>&1; then
    tl_say "$(rustc -V) does not take $TL_LEAN_RUSTFLAGS: the page is built the standard way" \
      "(about 16 KB gzip larger)"
    return 0
  fi
  if ! rustup component list --installed 2>/dev/null | grep -q '^rust-src'; then
    tl_say "adding the rust-src component (the page's standard library is built from it)"
    if ! rustup component add rust-src; then
      tl_say "rustup component add rust-src failed: the page is built the standard way"
      return 0
    fi
  fi
  if ! (cd "$tl_root" &&
    RUSTC_BOOTSTRAP=1 cargo fetch --quiet -Zbuild-std=std,panic_abort --target wasm32-unknown-unknown); then
    tl_say "fetching the standard library's crates failed: the page is built the standard way"
    return 0
  fi
  tl_lean=1
}

# Runs a command (Trunk, or cargo for the benchmark's module) building wasm as the page is shipped
# (see tl_setup_lean). The flags reach only the wasm build: build scripts and proc macros are
# compiled for the host without RUSTFLAGS when a target is given; tests and clippy never see them.
tl_as_shipped() {
  if [ -n "${tl_lean:-}" ]; then
    RUSTC_BOOTSTRAP=1 CARGO_UNSTABLE_BUILD_STD=std,panic_abort \
      RUSTFLAGS="$TL_LEAN_RUSTFLAGS${RUSTFLAGS:+ $RUSTFLAGS}" "$@"
  else
    "$@"
  fi
}

tl_setup_npm() {
  local stamp="$tl_root/node_modules/.tokenlens-stamp"
  local want
  want=$(cat "$tl_root/package.json" "$tl_root/package-lock.json" | sha256sum | cut -d' ' -f1)
  if [ "$(cat "$stamp" 2>/dev/null)" != "$want" ]; then
    tl_say "installing npm packages (npm ci)"
    (cd "$tl_root" && PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund --loglevel=error) ||
      { tl_die "npm ci failed"; return 1; }
    echo "$want" >"$stamp"
  fi
}

tl_setup_test() {
  if [ ! -x /usr/bin/chromium ] || [ ! -x /usr/bin/chromedriver ]; then
    tl_say "installing Debian's chromium and chromium-driver"
    tl_as_root apt-get update -qq &&
      DEBIAN_FRONTEND=noninteractive tl_as_root apt-get install -y -qq chromium chromium-driver >/dev/null ||
      { tl_die "apt-get install chromium chromium-driver failed"; return 1; }
  fi
  export CHROMEDRIVER=/usr/bin/chromedriver
  # nginx with the Brotli module: the end-to-end tests serve the build with scripts/nginx.conf.sample.
  if [ ! -x /usr/sbin/nginx ] || [ ! -e /usr/lib/nginx/modules/ngx_http_brotli_static_module.so ]; then
    tl_say "installing Debian's nginx and its Brotli module (libnginx-mod-http-brotli-static)"
    tl_as_root apt-get update -qq &&
      DEBIAN_FRONTEND=noninteractive tl_as_root apt-get install -y -qq nginx libnginx-mod-http-brotli-static >/dev/null ||
      { tl_die "apt-get install nginx libnginx-mod-http-brotli-static failed"; return 1; }
    # Debian starts and enables the system's nginx on port 80; the tests start their own.
    if command -v systemctl >/dev/null && [ -d /run/systemd/system ]; then
      tl_as_root systemctl disable --now nginx >/dev/null 2>&1 || true
    fi
  fi

  local venv="$tl_root/.venv" req="$tl_root/tests/e2e/requirements.txt"
  local want
  want=$(sha256sum "$req" | cut -d' ' -f1)
  if [ "$(cat "$venv/.tokenlens-stamp" 2>/dev/null)" != "$want" ]; then
    tl_say "installing the Cognito emulator (moto) into .venv"
    python3 -m venv "$venv" && "$venv/bin/pip" install --quiet --disable-pip-version-check -r "$req" ||
      { tl_die "pip install -r tests/e2e/requirements.txt failed"; return 1; }
    echo "$want" >"$venv/.tokenlens-stamp"
  fi
  export TOKENLENS_VENV="$venv"
}

tl_setup_build || return 1 2>/dev/null || exit 1
if [ "$tl_need" = test ]; then tl_setup_test || return 1 2>/dev/null || exit 1; fi

#!/usr/bin/env bash
# Installs what building (and, with --browser, testing) Clientele needs, skipping whatever is
# already present, so a second run takes a second. Nothing is downloaded outside the package
# registries: trunk later runs --offline and finds every tool on PATH.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/tool-env.sh

TRUNK_VERSION=0.21.14
BINARYEN_VERSION=132
# The MCP TypeScript SDK whose OAuth client the MCP tests run (tests/mcp/mcp_client.mjs).
MCP_SDK_VERSION=1.32.2
# The OpenAPI fuzzer the console API's document is checked with (tests/tests/e2e/openapi.rs).
SCHEMATHESIS_VERSION=4.32.5
with_browser=0
[[ "${1:-}" == "--browser" ]] && with_browser=1

say() { printf '\033[1m==> %s\033[0m\n' "$*" >&2; }
as_root() { if [[ $(id -u) == 0 ]]; then "$@"; else sudo "$@"; fi; }

# Debian packages: brotli precompresses the console; Chromium and its driver run browser tests.
packages=()
command -v brotli >/dev/null || packages+=(brotli)
command -v gzip >/dev/null || packages+=(gzip)
if [[ $with_browser == 1 ]]; then
  [[ -x /usr/bin/chromium ]] || packages+=(chromium)
  [[ -x /usr/bin/chromedriver ]] || packages+=(chromium-driver)
  # schemathesis runs from a virtual environment of its own.
  python3 -c 'import venv, ensurepip' 2>/dev/null || packages+=(python3 python3-venv)
fi
if (( ${#packages[@]} )); then
  say "installing Debian packages: ${packages[*]}"
  as_root apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${packages[@]}" >/dev/null
fi

if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  say "adding the wasm32-unknown-unknown target"
  rustup target add wasm32-unknown-unknown
fi

if [[ "$(trunk --version 2>/dev/null)" != "trunk $TRUNK_VERSION" ]]; then
  # --debug: builds in minutes instead of a quarter hour; trunk's own work takes seconds.
  say "installing trunk $TRUNK_VERSION"
  cargo install --locked --debug trunk --version "$TRUNK_VERSION"
fi

# wasm-bindgen-cli must be exactly the wasm-bindgen version Cargo.lock resolved.
[[ -f Cargo.lock ]] || cargo generate-lockfile
bindgen_version=$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/"/, "", $3); print $3; exit }' Cargo.lock)
if [[ "$(wasm-bindgen --version 2>/dev/null)" != "wasm-bindgen $bindgen_version" ]]; then
  say "installing wasm-bindgen-cli $bindgen_version"
  # Without --locked: the CLI's own lock file names a crate version the registry lacks.
  cargo install wasm-bindgen-cli --version "=$bindgen_version" --force
fi

# wasm-opt from npm: Debian's binaryen 108 writes modules that fail in the browser.
if ! wasm-opt --version 2>/dev/null | grep -q "version $BINARYEN_VERSION"; then
  say "installing wasm-opt (npm binaryen@$BINARYEN_VERSION) into $CLIENTELE_TOOLS"
  mkdir -p "$CLIENTELE_TOOLS"
  npm install --silent --no-audit --no-fund --prefix "$CLIENTELE_TOOLS" "binaryen@$BINARYEN_VERSION" >/dev/null
fi

# The MCP SDK for the tests (Node.js runs it; see tests/tests/e2e/mcp_clients.rs).
sdk_manifest="$CLIENTELE_TOOLS/node_modules/@modelcontextprotocol/sdk/package.json"
if [[ $with_browser == 1 && "$(node -p "require('$sdk_manifest').version" 2>/dev/null)" != "$MCP_SDK_VERSION" ]]; then
  say "installing @modelcontextprotocol/sdk@$MCP_SDK_VERSION into $CLIENTELE_TOOLS"
  mkdir -p "$CLIENTELE_TOOLS"
  npm install --silent --no-audit --no-fund --prefix "$CLIENTELE_TOOLS" "@modelcontextprotocol/sdk@$MCP_SDK_VERSION" >/dev/null
fi

# schemathesis for the tests, pinned, in a virtual environment under $CLIENTELE_TOOLS.
schemathesis="$CLIENTELE_TOOLS/schemathesis"
if [[ $with_browser == 1 && "$("$schemathesis/bin/st" --version 2>/dev/null)" != "st, version $SCHEMATHESIS_VERSION" ]]; then
  say "installing schemathesis $SCHEMATHESIS_VERSION into $schemathesis"
  mkdir -p "$CLIENTELE_TOOLS"
  python3 -m venv "$schemathesis"
  "$schemathesis/bin/pip" install --quiet --disable-pip-version-check "schemathesis==$SCHEMATHESIS_VERSION"
fi

#!/usr/bin/env bash
# The README's test command: installs what is missing (Chromium and chromedriver included),
# builds the console the browser tests open, checks that the shared crate builds for wasm, and
# runs every test of the workspace.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-tools.sh --browser
scripts/build-console.sh
source scripts/tool-env.sh
cargo build --locked -p clientele-shared --target wasm32-unknown-unknown
cargo test --locked

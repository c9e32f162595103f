#!/usr/bin/env bash
# The README's run command: installs what is missing, builds the console and the server in
# release mode, and serves http://127.0.0.1:8080 with an embedded SQLite database in ./data.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-tools.sh
scripts/build-console.sh
source scripts/tool-env.sh
cargo build --release --locked -p clientele
exec target/release/clientele serve "$@"

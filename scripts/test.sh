#!/usr/bin/env bash
# The README's test command: installs what is missing (Chromium, chromedriver, PostgreSQL
# included), builds the console the browser tests open, checks that the shared crate builds for
# wasm, runs every test against the embedded SQLite database, then runs the end-to-end suites
# again against a throwaway PostgreSQL server, with the multi-node tests.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-tools.sh --browser
scripts/build-console.sh
source scripts/tool-env.sh
# One build serves both passes: no incremental caches (a fresh machine builds once) and the
# PostgreSQL pass selects the same packages and features, so it only runs what was built.
export CARGO_INCREMENTAL="${CARGO_INCREMENTAL:-0}"
cargo build --locked -p clientele-shared --target wasm32-unknown-unknown
# Several nodes share one database only on PostgreSQL: the multi_node suite runs in the second pass.
cargo test --locked -- --skip multi_node::
scripts/with-postgres.sh env CLIENTELE_TEST_BACKEND=postgres \
  cargo test --locked --test e2e

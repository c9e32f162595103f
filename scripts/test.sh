#!/usr/bin/env bash
# The README's test command: installs what is missing (Chromium, chromedriver, PostgreSQL
# included), checks formatting and lints, builds the console the browser tests open, checks
# that the shared crate builds for wasm, runs every test against the embedded SQLite database,
# then runs the end-to-end API suites again against a throwaway PostgreSQL server, with the
# multi-node tests.
set -euo pipefail
cd "$(dirname "$0")/.."
# Fast failures first: formatting, then (once the tools are there) lints with warnings as errors.
cargo fmt --all --check
scripts/install-tools.sh --browser
scripts/build-console.sh
source scripts/tool-env.sh
# One build serves both passes: no incremental caches (a fresh machine builds once) and the
# PostgreSQL pass selects the same packages and features, so it only runs what was built.
export CARGO_INCREMENTAL="${CARGO_INCREMENTAL:-0}"
# Lints of every crate, the console's for the wasm target it is built for.
cargo clippy --locked --all-targets -- -D warnings
cargo clippy --locked -p clientele-console --target wasm32-unknown-unknown -- -D warnings
cargo build --locked -p clientele-shared --target wasm32-unknown-unknown
# Build once, then run both passes side by side: the SQLite pass is paced by its browser tests
# (one Chromium at a time), which leaves the CPU to the PostgreSQL pass. Several nodes share
# one database only on PostgreSQL, so the multi_node suite runs only there. The browser suites
# drive pages whose data paths the API suites already cover on PostgreSQL, so they run once.
cargo test --locked --no-run
postgres_log=$(mktemp)
scripts/with-postgres.sh env CLIENTELE_TEST_BACKEND=postgres \
  cargo test --locked --test e2e -- --skip authorization_pages:: --skip console_ --skip through_the_browser \
  >"$postgres_log" 2>&1 &
postgres_pass=$!
sqlite_status=0
cargo test --locked -- --skip multi_node:: || sqlite_status=$?
postgres_status=0
wait "$postgres_pass" || postgres_status=$?
echo "==> the PostgreSQL pass (ran alongside):"
cat "$postgres_log"
rm -f "$postgres_log"
exit $(( sqlite_status != 0 ? sqlite_status : postgres_status ))

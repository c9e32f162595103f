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
# Several nodes share one database only on PostgreSQL: the multi_node suite runs in the second pass.
cargo test --locked -- --skip multi_node::
# The browser suites drive pages whose data paths the API suites already cover on PostgreSQL;
# running them once (on SQLite) keeps the command within a few minutes. (Running this pass
# beside the first was measured: the browser tests slowed by as much as it saved.)
scripts/with-postgres.sh env CLIENTELE_TEST_BACKEND=postgres \
  cargo test --locked --test e2e -- --skip authorization_pages:: --skip console_ --skip through_the_browser

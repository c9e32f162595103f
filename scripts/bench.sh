#!/usr/bin/env bash
# The benchmark command (README "Benchmarks"): installs what is missing, builds the console and,
# in release mode, Clientele and the bench, then runs every scenario against Clientele,
# oidc-provider 9 and a no-op axum server side by side, prints the results and writes
# BENCHMARKS.md. About 20 minutes on a 2-core machine once built.
#
#   scripts/bench.sh                         the whole benchmark
#   scripts/bench.sh --record-console-size   only record the console's brotli size in
#                                            bench/console-size.json (the test's reference)
#   scripts/bench.sh --render                write BENCHMARKS.md again from the last run's
#                                            results (after editing bench/analysis.md)
#
# Settings (environment): BENCH_DURATION (s, default 10), BENCH_WARMUP (2), BENCH_CONNECTIONS
# (32), BENCH_CONSOLE_CONNECTIONS (4), BENCH_ROUNDS (2), BENCH_LOAD_THREADS (1), BENCH_ONLY
# (comma-separated scenarios), BENCH_PROFILE=0 (no perf on misses), BENCH_POSTGRES=0 (no
# PostgreSQL runs), BENCH_TEAMS (20) and BENCH_TEAM_APPS (10000: the teams of the member in the
# console_team_apps scenario), BENCH_TOOLS (where npm
# installs oidc-provider; default ~/.cache/clientele-bench), CARGO_TARGET_DIR (default target/).
#
# BENCH_BASELINE=<rev> (e.g. HEAD~1, main, a commit): also measures that revision's release build
# ("Clientele baseline", seeded through its own CLI on a SQLite file of its own) in the same
# alternating rounds as Clientele in the token and introspection scenarios (client_credentials
# opaque and JWT, introspection, refresh_rotation, code_exchange), and reports Clientele / baseline
# against a target of ≥ 0.95x ("Against the baseline" in BENCHMARKS.md). The baseline is built by
# scripts/bench-baseline.sh outside this tree (in $BENCH_TOOLS, with its own CARGO_TARGET_DIR)
# and kept by commit hash, so a rerun does not build it again. For a quick same-run check:
#
#   BENCH_BASELINE=HEAD~1 BENCH_ONLY=client_credentials_opaque,client_credentials_jwt,introspection,refresh_rotation,code_exchange \
#     BENCH_POSTGRES=0 scripts/bench.sh
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/tool-env.sh

export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$PWD/target}"
export BENCH_TOOLS="${BENCH_TOOLS:-$HOME/.cache/clientele-bench}"
OIDC_PROVIDER_MAJOR=9

say() { printf '\033[1m==> %s\033[0m\n' "$*" >&2; }
as_root() { if [[ $(id -u) == 0 ]]; then "$@"; else sudo "$@"; fi; }

if [[ "${1:-}" == "--render" ]]; then
  cargo build --release --locked -p clientele-bench
  exec "$CARGO_TARGET_DIR/release/clientele-bench" render
fi

# The console's build tools, brotli, Chromium and chromedriver.
scripts/install-tools.sh --browser

# Node.js runs oidc-provider; perf profiles missed targets (optional: the bench goes on without).
packages=()
command -v node >/dev/null || packages+=(nodejs)
command -v npm >/dev/null || packages+=(npm)
command -v perf >/dev/null || packages+=(linux-perf)
if (( ${#packages[@]} )); then
  say "installing Debian packages: ${packages[*]}"
  as_root apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${packages[@]}" >/dev/null \
    || say "could not install ${packages[*]}; continuing"
fi

scripts/build-console.sh

if [[ "${1:-}" == "--record-console-size" ]]; then
  cargo build --release --locked -p clientele-bench
  exec "$CARGO_TARGET_DIR/release/clientele-bench" record-console-size
fi

installed=$(node -p "require('$BENCH_TOOLS/node_modules/oidc-provider/package.json').version" 2>/dev/null || true)
if [[ "${installed%%.*}" != "$OIDC_PROVIDER_MAJOR" ]]; then
  say "installing oidc-provider@$OIDC_PROVIDER_MAJOR into $BENCH_TOOLS"
  mkdir -p "$BENCH_TOOLS"
  npm install --silent --no-audit --no-fund --prefix "$BENCH_TOOLS" "oidc-provider@$OIDC_PROVIDER_MAJOR" >/dev/null
fi

say "building Clientele and the bench (release)"
cargo build --release --locked -p clientele -p clientele-bench

if [[ -n "${BENCH_BASELINE:-}" ]]; then
  BENCH_BASELINE_BIN=$(scripts/bench-baseline.sh "$BENCH_BASELINE")
  BENCH_BASELINE_REV=$(git rev-parse --short "$BENCH_BASELINE^{commit}")
  export BENCH_BASELINE_BIN BENCH_BASELINE_REV
else
  unset BENCH_BASELINE_BIN BENCH_BASELINE_REV
fi

# A throwaway PostgreSQL server for the PostgreSQL runs of client_credentials and introspection
# (issue 10); BENCH_POSTGRES=0 skips them.
if [[ "${BENCH_POSTGRES:-1}" == 0 ]]; then
  exec "$CARGO_TARGET_DIR/release/clientele-bench" run
fi
exec scripts/with-postgres.sh "$CARGO_TARGET_DIR/release/clientele-bench" run

#!/usr/bin/env bash
# The baseline build for `BENCH_BASELINE=<rev> scripts/bench.sh`: builds the `clientele` release
# binary of another revision and prints its path (everything else goes to stderr).
#
#   scripts/bench-baseline.sh <rev>    e.g. HEAD~1, main, a tag or a commit hash
#
# The revision's tree is exported with `git archive` into a folder of its own under BENCH_TOOLS
# (removed after the build; this work tree and its target/ are not touched) and built with its
# own CARGO_TARGET_DIR, $BENCH_TOOLS/baseline-target, shared by all baselines so that the
# dependencies are built once. The binary is kept as $BENCH_TOOLS/baseline-<full commit>/clientele:
# a rerun with the same commit does not build again.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/tool-env.sh

BENCH_TOOLS="${BENCH_TOOLS:-$HOME/.cache/clientele-bench}"
rev="${1:?usage: scripts/bench-baseline.sh <rev>}"
commit=$(git rev-parse --verify --quiet "$rev^{commit}") \
  || { echo "BENCH_BASELINE: $rev is not a commit of this repository" >&2; exit 1; }
bin="$BENCH_TOOLS/baseline-$commit/clientele"

say() { printf '\033[1m==> %s\033[0m\n' "$*" >&2; }

if [[ ! -x "$bin" ]]; then
  say "building the baseline ($rev, ${commit:0:12}) in release mode"
  mkdir -p "$BENCH_TOOLS"
  src=$(mktemp -d "$BENCH_TOOLS/baseline-src-XXXXXX")
  trap 'rm -rf "$src"' EXIT
  git archive --format=tar "$commit" | tar -x -C "$src"
  (cd "$src" && CARGO_TARGET_DIR="$BENCH_TOOLS/baseline-target" \
    cargo build --release --locked -p clientele >&2)
  mkdir -p "$(dirname "$bin")"
  cp "$BENCH_TOOLS/baseline-target/release/clientele" "$bin.partial"
  mv "$bin.partial" "$bin"
fi
echo "$bin"

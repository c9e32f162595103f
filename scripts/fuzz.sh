#!/usr/bin/env bash
# Fuzzes the parsers that guard Clientele's input (tests/fuzz): each target runs for SECONDS
# (default 60), then the next. Usage: scripts/fuzz.sh [SECONDS] [TARGET...]
# Installs cargo-fuzz into the project's tool folder on first use. Without a sanitizer (the
# default here) cargo fuzz passes rustc only stable flags; RUSTC_BOOTSTRAP=1 lets the stable
# toolchain accept the nightly-only ones a sanitizer build (`-s address`) would add.
# What a target finds lands in tests/fuzz/artifacts/<target>/; keep it as a regression test by
# moving it to tests/fuzz/regressions/<target>/ (the `make test` run checks every file there).
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/tool-env.sh

CARGO_FUZZ_VERSION=0.13.2
seconds="${1:-60}"
shift || true
export PATH="$CLIENTELE_TOOLS/bin:$PATH"
if [[ "$(cargo fuzz --version 2>/dev/null)" != "cargo-fuzz $CARGO_FUZZ_VERSION" ]]; then
  echo "==> installing cargo-fuzz $CARGO_FUZZ_VERSION into $CLIENTELE_TOOLS" >&2
  cargo install --locked --root "$CLIENTELE_TOOLS" cargo-fuzz --version "$CARGO_FUZZ_VERSION"
fi

export RUSTC_BOOTSTRAP=1
# No sanitizer: the code under test is safe Rust, and an uninstrumented build runs several
# times more inputs a second than one with AddressSanitizer.
# `--fuzz-dir` is an option of each subcommand, so it follows the subcommand.
targets=("$@")
(( ${#targets[@]} )) || mapfile -t targets < <(cargo fuzz list --fuzz-dir tests/fuzz)
for target in "${targets[@]}"; do
  echo "==> fuzzing $target for ${seconds}s" >&2
  mkdir -p "tests/fuzz/corpus/$target"
  # The scratch corpus first (libFuzzer adds to it), the kept inputs as extra seeds.
  cargo fuzz run --fuzz-dir tests/fuzz --sanitizer none "$target" \
    "tests/fuzz/corpus/$target" "tests/fuzz/regressions/$target" \
    -- -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -max_len=65536
done

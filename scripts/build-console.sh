#!/usr/bin/env bash
# Builds the console into dist/ (release, size-optimised, wasm-opt on) and writes .br and .gz
# siblings that the server sends to browsers that accept them. Skips the work when no input
# changed since the last build.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/tool-env.sh

stamp_of_inputs() {
  { find frontend shared style -type f -not -path '*/target/*' -print0 | sort -z | xargs -0 sha256sum
    sha256sum Cargo.lock Cargo.toml Trunk.toml .cargo/config.toml; } | sha256sum | cut -d' ' -f1
}

stamp=$(stamp_of_inputs)
if [[ -f dist/index.html && -f dist/.inputs && "$(cat dist/.inputs)" == "$stamp" ]]; then
  echo "console is up to date (dist/)" >&2
  exit 0
fi

trunk build --release --offline --cargo-profile wasm-release
for file in dist/*.wasm dist/*.js dist/*.css dist/*.svg; do
  [[ -f "$file" ]] || continue
  brotli --force --keep --quality=11 "$file"
  gzip --force --keep --best "$file"
done
echo "$stamp" > dist/.inputs

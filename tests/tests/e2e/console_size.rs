//! The console must not quietly grow heavier to download: the brotli-compressed wasm,
//! JavaScript and CSS that the server sends (`dist/`, built by `scripts/build-console.sh`
//! before the tests run) may exceed the figure recorded in `bench/console-size.json` by at most
//! 10%. Sizes are deterministic for a given source; throughput is never asserted in tests (see
//! BENCHMARKS.md). After an intended change, record the new figure with
//! `scripts/bench.sh --record-console-size`.

use std::path::{Path, PathBuf};

const ALLOWED_GROWTH_PERCENT: u64 = 10;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("..")
}

/// Sum of `dist/*.wasm.br`, `*.js.br` and `*.css.br`, with the files counted.
fn brotli_size(dist: &Path) -> (u64, Vec<String>) {
    let entries = std::fs::read_dir(dist).unwrap_or_else(|err| {
        panic!(
            "reading {}: {err}; build the console first (scripts/build-console.sh)",
            dist.display()
        )
    });
    let mut total = 0;
    let mut files = Vec::new();
    for entry in entries {
        let entry = entry.expect("a dist/ entry");
        let name = entry.file_name().to_string_lossy().into_owned();
        if [".wasm.br", ".js.br", ".css.br"]
            .iter()
            .any(|suffix| name.ends_with(suffix))
        {
            total += entry.metadata().expect("file metadata").len();
            files.push(name);
        }
    }
    (total, files)
}

#[test]
fn the_built_console_is_at_most_ten_percent_over_its_recorded_brotli_size() {
    let figure_file = root().join("bench/console-size.json");
    let text = std::fs::read_to_string(&figure_file)
        .unwrap_or_else(|err| panic!("reading {}: {err}", figure_file.display()));
    let figure: serde_json::Value =
        serde_json::from_str(&text).expect("bench/console-size.json is JSON");
    let recorded = figure["brotli_bytes"]
        .as_u64()
        .expect("bench/console-size.json has brotli_bytes");

    let (size, files) = brotli_size(&root().join("dist"));
    let kinds = ["wasm", "js", "css"];
    for kind in kinds {
        assert!(
            files.iter().any(|name| name.ends_with(&format!(".{kind}.br"))),
            "dist/ has no .{kind}.br file (found {files:?}); build the console with scripts/build-console.sh"
        );
    }
    let limit = recorded + recorded * ALLOWED_GROWTH_PERCENT / 100;
    assert!(
        size <= limit,
        "the console is {size} bytes brotli-compressed ({files:?}), more than {ALLOWED_GROWTH_PERCENT}% over the \
         {recorded} bytes recorded in bench/console-size.json (limit {limit}). Make it smaller, or if the growth \
         is intended, record the new size with `scripts/bench.sh --record-console-size` and say why in the commit."
    );
}

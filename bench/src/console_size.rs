//! How heavy the console is to download: the built wasm, JavaScript and CSS in `dist/`, raw
//! and as the `.gz` / `.br` siblings `scripts/build-console.sh` writes (the files the server
//! sends), and the figure `tests/tests/e2e/console_size.rs` guards.

use std::path::Path;

use serde::{Deserialize, Serialize};
use serde_json::json;

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct Sizes {
    pub raw: u64,
    pub gzip: u64,
    pub brotli: u64,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ConsoleSize {
    /// Per kind: `wasm`, `js`, `css`.
    pub kinds: Vec<(String, Sizes)>,
    pub total: Sizes,
}

pub fn measure(dist: &Path) -> anyhow::Result<ConsoleSize> {
    let mut kinds: Vec<(String, Sizes)> = ["wasm", "js", "css"]
        .iter()
        .map(|k| ((*k).to_owned(), Sizes::default()))
        .collect();
    for entry in std::fs::read_dir(dist).map_err(|err| {
        anyhow::anyhow!(
            "reading {}: {err} (build the console first)",
            dist.display()
        )
    })? {
        let path = entry?.path();
        let Some(ext) = path.extension().and_then(|e| e.to_str()) else {
            continue;
        };
        let Some((_, sizes)) = kinds.iter_mut().find(|(kind, _)| kind == ext) else {
            continue;
        };
        let len = |suffix: &str| -> anyhow::Result<u64> {
            let file = format!("{}{suffix}", path.display());
            Ok(std::fs::metadata(&file)
                .map_err(|err| anyhow::anyhow!("{file}: {err} (run scripts/build-console.sh)"))?
                .len())
        };
        sizes.raw += len("")?;
        sizes.gzip += len(".gz")?;
        sizes.brotli += len(".br")?;
    }
    let mut total = Sizes::default();
    for (_, sizes) in &kinds {
        total.raw += sizes.raw;
        total.gzip += sizes.gzip;
        total.brotli += sizes.brotli;
    }
    Ok(ConsoleSize { kinds, total })
}

/// Writes the figure the size test compares against (`bench/console-size.json`).
pub fn record(size: &ConsoleSize, file: &Path, date: &str) -> anyhow::Result<()> {
    let kinds: serde_json::Map<String, serde_json::Value> = size
        .kinds
        .iter()
        .map(|(kind, sizes)| (kind.clone(), json!(sizes)))
        .collect();
    let figure = json!({
        "about": "Brotli bytes of the built console (dist/*.wasm.br + *.js.br + *.css.br). tests/tests/e2e/console_size.rs fails when the build grows more than 10% over brotli_bytes. Update with: scripts/bench.sh --record-console-size",
        "recorded": date,
        "brotli_bytes": size.total.brotli,
        "gzip_bytes": size.total.gzip,
        "raw_bytes": size.total.raw,
        "by_kind": kinds,
    });
    std::fs::write(file, serde_json::to_string_pretty(&figure)? + "\n")?;
    Ok(())
}

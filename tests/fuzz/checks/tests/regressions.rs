//! Every input kept under `tests/fuzz/regressions/<target>/` (what fuzzing found, and a small
//! seed corpus) still passes the very check its fuzz target runs.

use std::path::Path;

#[test]
fn every_kept_fuzz_input_passes_its_targets_check() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../regressions");
    let mut checked = 0;
    for (target, check) in clientele_fuzz_checks::TARGETS {
        let folder = root.join(target);
        let entries =
            std::fs::read_dir(&folder).unwrap_or_else(|err| panic!("{}: {err}", folder.display()));
        let mut files: Vec<_> = entries.map(|entry| entry.unwrap().path()).collect();
        files.sort();
        assert!(!files.is_empty(), "{target} keeps no inputs");
        for file in files {
            let data = std::fs::read(&file).unwrap();
            // The file's name in the failure says which input broke which target.
            let outcome = std::panic::catch_unwind(|| check(&data));
            assert!(outcome.is_ok(), "{target}: {} fails", file.display());
            checked += 1;
        }
    }
    assert!(checked >= clientele_fuzz_checks::TARGETS.len());
}

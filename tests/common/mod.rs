//! Helpers shared by the end-to-end test files: where the project is, the real `clean` binary,
//! the seeds with their golden outputs, and whole output trees to compare.

#![allow(dead_code)] // each test file uses its own subset

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use assert_cmd::Command;

/// The project's root folder.
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The `clean` binary built by cargo for the tests.
pub fn clean() -> Command {
    Command::cargo_bin("clean").expect("binary built")
}

/// (file name, seed bytes, golden bytes) of every seed, sorted by name.
pub fn seeds() -> Vec<(String, Vec<u8>, Vec<u8>)> {
    let mut names: Vec<String> = std::fs::read_dir(root().join("seeds"))
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    names.sort();
    names
        .into_iter()
        .map(|n| {
            let seed = std::fs::read(root().join("seeds").join(&n)).unwrap();
            let golden = std::fs::read(root().join("golden").join(&n)).unwrap();
            (n, seed, golden)
        })
        .collect()
}

/// Every regular file under `dir` (links not followed), by `/`-separated relative path, with its
/// bytes.
pub fn tree(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    let mut files = BTreeMap::new();
    for entry in walkdir::WalkDir::new(dir).sort_by_file_name() {
        let entry = entry.unwrap();
        if entry.file_type().is_file() {
            let rel = entry.path().strip_prefix(dir).unwrap().to_string_lossy();
            files.insert(rel.replace('\\', "/"), std::fs::read(entry.path()).unwrap());
        }
    }
    files
}

/// Writes `bytes` to `path`, creating its folders.
pub fn write(path: &Path, bytes: impl AsRef<[u8]>) {
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, bytes).unwrap();
}

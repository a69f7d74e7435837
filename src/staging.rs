//! Staging files: every output is first written whole to a hidden temporary file in its target
//! folder and then renamed over the output's name, so a run killed at any moment leaves outputs
//! that are either absent, from an earlier run, or complete. A kill can leave staging files
//! behind; this module names them so they are recognisable, never taken for outputs or inputs,
//! and removed by the next run that writes to their folder.
//!
//! A staging file is named `.clean-<pid>-<random>.tmp`, where `<pid>` is the process that wrote
//! it and `<random>` six letters or digits (earlier versions wrote `.clean-<random>.tmp`, which is
//! recognised too and always stale). It is stale when that process is no longer running (checked through `/proc` on Linux;
//! elsewhere every staging file found before a run starts is taken to be stale), so two runs
//! writing side by side never remove each other's files in flight.

use std::ffi::OsStr;
use std::path::Path;

/// The first part of every staging file name, before the writer's process id.
pub const PREFIX: &str = ".clean-";
/// The end of every staging file name.
pub const SUFFIX: &str = ".tmp";
/// Letters or digits of the random part of a staging file name.
pub const RANDOM_LEN: usize = 6;

/// The prefix of the staging files this process writes: `.clean-<pid>-`. Asked of the kernel each
/// time (one system call per output), not kept: a process forked from this one (the Python
/// bindings under `multiprocessing`) must name its files with its own id.
pub fn own_prefix() -> String {
    format!("{PREFIX}{}-", std::process::id())
}

/// True when `name` has the exact shape of a staging file: `.clean-<pid>-<random>.tmp` or
/// `.clean-<random>.tmp`. Such files are never outputs and are never read as input, even with
/// `--hidden`.
pub fn is_staging_name(name: &OsStr) -> bool {
    name.to_str().and_then(parse).is_some()
}

/// Reads a staging file name: None when `name` is not one, else the writer's process id (None
/// for the older form without one).
fn parse(name: &str) -> Option<Option<u32>> {
    let middle = name.strip_prefix(PREFIX)?.strip_suffix(SUFFIX)?;
    let (pid, random) = match middle.split_once('-') {
        Some((pid, random)) if !pid.is_empty() && pid.bytes().all(|b| b.is_ascii_digit()) => {
            (Some(pid.parse().ok()?), random)
        }
        Some(_) => return None,
        None => (None, middle),
    };
    let random_ok = random.len() == RANDOM_LEN && random.bytes().all(|b| b.is_ascii_alphanumeric());
    random_ok.then_some(pid)
}

/// True when the staging file `name` was left by a process that is no longer running, so no one
/// will ever rename it into place. Staging files of the current process are never stale.
pub fn is_stale(name: &OsStr) -> bool {
    match name.to_str().and_then(parse) {
        None => false,
        Some(Some(pid)) if pid == std::process::id() => false,
        Some(Some(pid)) => !process_is_running(pid),
        Some(None) => true,
    }
}

/// True when a process with this id exists. Without a way to tell, answers false.
fn process_is_running(pid: u32) -> bool {
    if cfg!(target_os = "linux") {
        Path::new("/proc").join(pid.to_string()).exists()
    } else {
        false
    }
}

/// Removes the stale staging files directly inside `dir` (not below it) and returns how many were
/// removed. This is housekeeping: a folder that cannot be listed or a file that cannot be removed
/// is passed over, since a leftover staging file never harms an output.
pub fn remove_stale(dir: &Path) -> usize {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return 0;
    };
    entries
        .filter_map(Result::ok)
        .filter(|e| is_stale(&e.file_name()))
        .filter(|e| e.file_type().is_ok_and(|t| t.is_file()))
        .filter(|e| std::fs::remove_file(e.path()).is_ok())
        .count()
}

/// Creates the staging file for `dst`: in `dst`'s folder, named as [`is_staging_name`] expects,
/// with the permissions of an ordinary output (0644 before the umask). Renaming it onto `dst`
/// publishes the output whole.
pub fn create_for(dst: &Path) -> Result<tempfile::NamedTempFile, crate::Error> {
    let dir = dst
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let mut builder = tempfile::Builder::new();
    let prefix = own_prefix();
    builder
        .prefix(&prefix)
        .suffix(SUFFIX)
        .rand_bytes(RANDOM_LEN);
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        builder.permissions(std::fs::Permissions::from_mode(0o644));
    }
    builder.tempfile_in(dir).map_err(|e| crate::Error::Io {
        path: dst.to_path_buf(),
        source: e,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn staging_names_are_recognised() {
        let own = format!("{}x1y2z3.tmp", own_prefix());
        for name in [".clean-123-abcDE9.tmp", ".clean-abcDE9.tmp", own.as_str()] {
            assert!(is_staging_name(OsStr::new(name)), "{name}");
        }
        for other in [
            ".clean-.tmp",
            ".clean-notes.tmp",
            ".clean-my-notes.tmp",
            ".clean-1-abcdefg.tmp",
            "clean-1-abcdef.tmp",
            ".clean-1-abcdef.txt",
        ] {
            assert!(!is_staging_name(OsStr::new(other)), "{other}");
        }
    }

    #[test]
    fn own_files_are_never_stale_and_dead_writers_files_are() {
        let own = format!("{}abcdef.tmp", own_prefix());
        assert!(!is_stale(OsStr::new(&own)));
        // Process ids on Linux stay below 2^22, so this one cannot be running.
        assert!(is_stale(OsStr::new(".clean-4294967295-abcdef.tmp")));
        assert!(is_stale(OsStr::new(".clean-abcdef.tmp")));
        assert!(!is_stale(OsStr::new(".clean-notes.tmp")));
        assert!(!is_stale(OsStr::new("page.txt")));
    }

    #[test]
    fn remove_stale_keeps_outputs_and_live_staging_files() {
        let dir = tempfile::tempdir().unwrap();
        let own = format!("{}live01.tmp", own_prefix());
        let names = ["a.txt", ".clean-4294967295-dead01.tmp", &own, ".hidden"];
        for name in names {
            std::fs::write(dir.path().join(name), "x").unwrap();
        }
        assert_eq!(remove_stale(dir.path()), 1);
        let mut left: Vec<String> = std::fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().into_string().unwrap())
            .collect();
        left.sort();
        let mut want = vec![".hidden".to_string(), own.clone(), "a.txt".to_string()];
        want.sort();
        assert_eq!(left, want);
    }
}

//! Incremental runs, as Make does them: a document whose output is newer than its input and than
//! everything that decides the output is left alone, so re-running `clean` after a few inputs
//! changed (or from a Makefile rule) redoes only those.
//!
//! What decides an output, besides its input: the rule files given with `--rules`/`--add-rules`
//! (a folder counts with its `.toml` files), and the `clean` binary itself, which holds the
//! built-in rules and the cleaning engine. Upgrading or rebuilding `clean` therefore redoes
//! everything, which is what a changed engine or changed built-in rules require; comparing file
//! times keeps this free of any state beside the outputs. Flags that change the output (such as
//! `--drop-empty`) are not tracked; re-run with `--force` after changing them.

use std::path::{Path, PathBuf};
use std::time::SystemTime;

use crate::corpus::{Job, Output, Plan};
use crate::formats;

/// The newest modification time among the things outputs depend on besides their inputs.
#[derive(Debug, Clone)]
pub struct Freshness {
    /// `None` when some dependency's time could not be read: then nothing is up to date.
    newest_dependency: Option<SystemTime>,
}

impl Freshness {
    /// Freshness against `dependencies`: files, or folders (the folder and its `.toml` files).
    pub fn new(dependencies: &[PathBuf]) -> Freshness {
        let mut newest = Some(SystemTime::UNIX_EPOCH);
        for dep in dependencies {
            let time = modified(dep).and_then(|t| {
                if !dep.is_dir() {
                    return Some(t);
                }
                let entries = std::fs::read_dir(dep).ok()?;
                let mut latest = t;
                for entry in entries {
                    let path = entry.ok()?.path();
                    if path.extension().is_some_and(|x| x == "toml") {
                        latest = latest.max(modified(&path)?);
                    }
                }
                Some(latest)
            });
            newest = newest.zip(time).map(|(a, b)| a.max(b));
        }
        Freshness {
            newest_dependency: newest,
        }
    }

    /// True when `job` writes to a regular file that exists and was modified later than both its input
    /// file and every dependency. Never true for standard input or output, nor when a time cannot
    /// be read.
    pub fn is_up_to_date(&self, job: &Job) -> bool {
        let Output::File(dst) = &job.dst else {
            return false;
        };
        if formats::is_stdio(&job.src) {
            return false;
        }
        let dst_is_file = std::fs::metadata(dst).is_ok_and(|m| m.is_file());
        if !dst_is_file {
            return false;
        }
        match (modified(dst), modified(&job.src), self.newest_dependency) {
            (Some(out), Some(input), Some(deps)) => out > input && out > deps,
            _ => false,
        }
    }

    /// Removes from `plan` the documents whose output is up to date, and counts them in
    /// `plan.skipped`.
    pub fn narrow(&self, plan: &mut Plan) {
        // A first run, into a new output folder: nothing is up to date, and no output needs a look.
        if plan.output_missing {
            return;
        }
        let before = plan.jobs.len();
        plan.jobs.retain(|job| !self.is_up_to_date(job));
        plan.skipped += before - plan.jobs.len();
    }
}

fn modified(path: &Path) -> Option<SystemTime> {
    std::fs::metadata(path).and_then(|m| m.modified()).ok()
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;

    fn set_time(path: &Path, time: SystemTime) {
        // Opened read-only so that folders can be given times too (the owner may set them).
        std::fs::File::open(path)
            .unwrap()
            .set_modified(time)
            .unwrap();
    }

    #[test]
    fn up_to_date_only_when_newer_than_input_and_dependencies() {
        let dir = tempfile::tempdir().unwrap();
        let rules_dir = dir.path().join("rules");
        std::fs::create_dir(&rules_dir).unwrap();
        let (src, dst, rules) = (
            dir.path().join("a.txt"),
            dir.path().join("out.txt"),
            rules_dir.join("r.toml"),
        );
        for p in [&src, &dst, &rules] {
            std::fs::write(p, "x").unwrap();
        }
        std::fs::write(rules_dir.join("notes.md"), "x").unwrap();
        let t0 = SystemTime::UNIX_EPOCH + Duration::from_secs(1_700_000_000);
        let at = |s: u64| t0 + Duration::from_secs(s);
        let job = Job {
            rel: "a.txt".into(),
            src: src.clone(),
            dst: Output::File(dst.clone()),
        };
        set_time(&src, at(0));
        set_time(&rules, at(0));
        set_time(&rules_dir.join("notes.md"), at(30));
        set_time(&rules_dir, at(0));
        set_time(&dst, at(10));
        assert!(Freshness::new(std::slice::from_ref(&rules)).is_up_to_date(&job));
        // A folder counts with its .toml files, not with its other files.
        assert!(Freshness::new(std::slice::from_ref(&rules_dir)).is_up_to_date(&job));
        set_time(&rules_dir, at(20)); // a rule file was added or removed
        assert!(!Freshness::new(std::slice::from_ref(&rules_dir)).is_up_to_date(&job));

        set_time(&src, at(10)); // same time is not newer
        assert!(!Freshness::new(std::slice::from_ref(&rules)).is_up_to_date(&job));
        set_time(&src, at(0));
        set_time(&rules, at(20));
        assert!(!Freshness::new(std::slice::from_ref(&rules)).is_up_to_date(&job));
        assert!(!Freshness::new(&[dir.path().join("missing.toml")]).is_up_to_date(&job));

        std::fs::remove_file(&dst).unwrap();
        assert!(!Freshness::new(&[]).is_up_to_date(&job));
        let to_stdout = Job {
            dst: Output::Stdout,
            ..job
        };
        assert!(!Freshness::new(&[]).is_up_to_date(&to_stdout));
    }
}

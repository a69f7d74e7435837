//! `clean check IN GOLDEN`: the golden-file workflow for any corpus. Every document of IN is
//! cleaned in memory and compared byte for byte with GOLDEN/<same relative path>; a difference
//! comes with a unified diff naming both sides. With `bless`, the expected files are (re)written
//! instead, atomically, and only where they differ. The project's own golden test drives this
//! same function, so `cargo test --test golden` and `clean check seeds golden` cannot disagree.
//! Nothing here prints; the binary colours and prints the diffs.

use std::collections::BTreeSet;
use std::path::{Component, Path, PathBuf};

use rayon::prelude::*;
use similar::TextDiff;

use crate::corpus::{self, Options, Output};
use crate::error::Error;
use crate::rules::RuleSet;

/// How one document compares with its golden file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Verdict {
    /// The cleaned text equals the golden file byte for byte.
    Match,
    /// The golden file exists and differs; `diff` is a unified diff from golden to cleaned.
    Differs { diff: String },
    /// There is no golden file.
    Missing,
    /// The document could not be read or decoded, or (when blessing) its golden file written.
    Failed(String),
}

/// The comparison of one document.
#[derive(Debug, Clone)]
pub struct DocumentCheck {
    /// Path relative to IN, `/`-separated.
    pub rel: String,
    pub golden: PathBuf,
    pub verdict: Verdict,
    /// True when `bless` wrote the golden file (it was missing or different).
    pub blessed: bool,
}

/// The comparisons of a whole check.
#[derive(Debug, Default)]
pub struct CheckRun {
    /// One per document of IN, in walk order.
    pub documents: Vec<DocumentCheck>,
    /// Files under GOLDEN that no document of IN corresponds to (relative, `/`-separated). They are
    /// listed, never compared or deleted.
    pub stale: Vec<String>,
    /// Entries of IN that could not be walked.
    pub walk_errors: Vec<Error>,
}

impl CheckRun {
    /// Number of documents with each verdict: (match, differs, missing, failed).
    pub fn counts(&self) -> (usize, usize, usize, usize) {
        let mut c = (0, 0, 0, 0);
        for d in &self.documents {
            match d.verdict {
                Verdict::Match => c.0 += 1,
                Verdict::Differs { .. } => c.1 += 1,
                Verdict::Missing => c.2 += 1,
                Verdict::Failed(_) => c.3 += 1,
            }
        }
        c
    }

    /// True when every document matched its golden file (after blessing, when asked), and nothing
    /// failed.
    pub fn all_match(&self) -> bool {
        self.walk_errors.is_empty()
            && self
                .documents
                .iter()
                .all(|d| d.verdict == Verdict::Match || d.blessed)
    }
}

/// Cleans every document of `input` with `rules` and compares it with its counterpart under
/// `golden` (a file when `input` is a file and `golden` is not a folder). With `bless`, missing
/// or different golden files are written. Fails only when the two paths cannot be paired.
pub fn check(
    input: &Path,
    golden: &Path,
    rules: &RuleSet,
    opts: &Options,
    bless: bool,
) -> Result<CheckRun, Error> {
    let plan = corpus::plan(input, golden, opts)?;
    let documents: Vec<DocumentCheck> = plan
        .jobs
        .par_iter()
        .map(|job| {
            let Output::File(golden) = &job.dst else {
                unreachable!("check never plans standard output")
            };
            let (verdict, blessed) = check_one(&job.src, golden, &job.rel, rules, opts, bless);
            DocumentCheck {
                rel: job.rel.clone(),
                golden: golden.clone(),
                verdict,
                blessed,
            }
        })
        .collect();
    let stale = if golden.is_dir() && input.is_dir() {
        let known: BTreeSet<&str> = documents.iter().map(|d| d.rel.as_str()).collect();
        files_under(golden, opts.hidden)
            .into_iter()
            .filter(|rel| !known.contains(rel.as_str()))
            .collect()
    } else {
        Vec::new()
    };
    Ok(CheckRun {
        documents,
        stale,
        walk_errors: plan.walk_errors,
    })
}

fn check_one(
    src: &Path,
    golden: &Path,
    rel: &str,
    rules: &RuleSet,
    opts: &Options,
    bless: bool,
) -> (Verdict, bool) {
    let bytes = match std::fs::read(src) {
        Ok(b) => b,
        Err(e) => return (Verdict::Failed(Error::io(src, e).to_string()), false),
    };
    let text = match corpus::decode(&bytes, src, opts.lossy) {
        Ok(t) => t,
        Err(e) => return (Verdict::Failed(e.to_string()), false),
    };
    let actual = rules.clean_at(&text, Some(rel)).text;
    let expected = std::fs::read(golden).ok();
    if expected.as_deref() == Some(actual.as_bytes()) {
        return (Verdict::Match, false);
    }
    let verdict = match &expected {
        Some(e) => Verdict::Differs {
            diff: unified_diff(
                &String::from_utf8_lossy(e),
                &actual,
                &golden.display().to_string(),
                &format!("clean({})", src.display()),
            ),
        },
        None => Verdict::Missing,
    };
    if !bless {
        return (verdict, false);
    }
    let written = golden
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .map_or(Ok(()), |dir| {
            std::fs::create_dir_all(dir).map_err(|e| Error::io(dir, e))
        })
        .and_then(|()| corpus::write_atomic(golden, actual.as_bytes()));
    match written {
        Ok(()) => (verdict, true),
        Err(e) => (Verdict::Failed(e.to_string()), false),
    }
}

/// A unified diff (3 lines of context) from `expected` to `actual`, with both names in its
/// header; a missing final newline is marked as in `diff -u`.
pub fn unified_diff(
    expected: &str,
    actual: &str,
    expected_name: &str,
    actual_name: &str,
) -> String {
    TextDiff::from_lines(expected, actual)
        .unified_diff()
        .context_radius(3)
        .missing_newline_hint(true)
        .header(expected_name, actual_name)
        .to_string()
}

/// Files under `dir`, relative and `/`-separated, skipping hidden ones unless `hidden`.
pub(crate) fn files_under(dir: &Path, hidden: bool) -> Vec<String> {
    walkdir::WalkDir::new(dir)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| {
            hidden || e.depth() == 0 || !e.file_name().to_string_lossy().starts_with('.')
        })
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            e.path()
                .strip_prefix(dir)
                .unwrap_or(e.path())
                .components()
                .filter_map(|c| match c {
                    Component::Normal(s) => Some(s.to_string_lossy()),
                    _ => None,
                })
                .collect::<Vec<_>>()
                .join("/")
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::RuleSource;

    fn rules() -> RuleSet {
        RuleSet::from_sources(&[RuleSource::new(
            "t.toml",
            "[[header]]\nname = \"t.kicker\"\npattern = '^KICKER$'\n",
        )])
        .unwrap()
    }

    #[test]
    fn match_differ_missing_and_bless() {
        let tmp = tempfile::tempdir().unwrap();
        let input = tmp.path().join("in");
        let golden = tmp.path().join("golden");
        std::fs::create_dir_all(input.join("sub")).unwrap();
        std::fs::create_dir_all(&golden).unwrap();
        std::fs::write(input.join("a.txt"), "KICKER\nBody a.\n").unwrap();
        std::fs::write(input.join("sub/b.txt"), "KICKER\nBody b.\n").unwrap();
        std::fs::write(input.join("c.txt"), "Body c.\n").unwrap();
        std::fs::write(golden.join("a.txt"), "Body a.\n").unwrap();
        std::fs::write(golden.join("c.txt"), "Body C.\n").unwrap();
        std::fs::write(golden.join("old.txt"), "x\n").unwrap();

        let run = check(&input, &golden, &rules(), &Options::default(), false).unwrap();
        assert_eq!(run.counts(), (1, 1, 1, 0));
        assert!(!run.all_match());
        assert_eq!(run.stale, ["old.txt"]);
        let c = run.documents.iter().find(|d| d.rel == "c.txt").unwrap();
        let Verdict::Differs { diff } = &c.verdict else {
            panic!("{:?}", c.verdict)
        };
        assert!(diff.contains("\n-Body C.\n+Body c.\n"), "{diff}");
        assert!(diff.contains("golden/c.txt"), "{diff}");

        let blessed = check(&input, &golden, &rules(), &Options::default(), true).unwrap();
        assert!(blessed.all_match());
        assert_eq!(
            std::fs::read_to_string(golden.join("sub/b.txt")).unwrap(),
            "Body b.\n"
        );
        let again = check(&input, &golden, &rules(), &Options::default(), false).unwrap();
        assert_eq!(again.counts(), (3, 0, 0, 0));
        assert!(
            golden.join("old.txt").exists(),
            "stale files are never deleted"
        );
    }
}

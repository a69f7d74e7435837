//! Property tests of the cleaning core, for invariants no example covers: cleaning never panics,
//! whatever the text and whatever the rules; every output line is an input line (normalized) or
//! that line shortened by an inline rule, in input order; the removals and edits reported are
//! exactly what happened; the layout rules always hold; the corpus output is the same for any
//! number of threads; and cleaning the cleaned seeds again changes nothing.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use clean::corpus::{self, NoProgress, Options};
use clean::normalize::normalize;
use clean::{Cleaned, RuleSet, RuleSource};
use proptest::prelude::*;

/// The built-in rules, compiled once for all cases.
fn builtin() -> &'static RuleSet {
    static RULES: std::sync::OnceLock<RuleSet> = std::sync::OnceLock::new();
    RULES.get_or_init(RuleSet::builtin)
}

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Every line of the seeds: real headlines, bylines, teasers and footers, so generated documents
/// exercise the rules, not only random text.
fn seed_lines() -> Vec<String> {
    let mut lines = Vec::new();
    let mut paths: Vec<PathBuf> = std::fs::read_dir(root().join("seeds"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    paths.sort();
    for p in paths {
        let text = std::fs::read_to_string(p).unwrap();
        lines.extend(text.lines().map(str::to_string));
    }
    lines
}

/// A document: lines drawn from the seeds, blank and space-only lines, short boilerplate-like
/// lines and arbitrary text, joined by LF, CRLF or CR, sometimes behind a BOM.
fn document() -> impl Strategy<Value = String> {
    let seeds = seed_lines();
    let line = prop_oneof![
        4 => prop::sample::select(seeds),
        2 => Just(String::new()),
        1 => "[ \t]{1,3}",
        1 => prop::sample::select(vec!["-", "Tin liên quan", "Đọc thêm:", "Thời sự", "12/3/2024 10:30 Tin", "TTO - Bài viết", "1", "2"]).prop_map(str::to_string),
        2 => "\\PC{0,60}",
    ];
    (
        prop::collection::vec(line, 0..60),
        prop::sample::select(vec!["\n", "\r\n", "\r"]),
        any::<bool>(),
    )
        .prop_map(|(lines, end, bom)| {
            let body = lines.join(end);
            if bom {
                format!("\u{FEFF}{body}")
            } else {
                body
            }
        })
}

/// A rule file built from parameters: every zone, every option, patterns from a small set that
/// matches often (single characters, digits, whole short lines, list bullets).
fn rule_file() -> impl Strategy<Value = String> {
    let pattern = prop::sample::select(vec![
        "^-$", r"^\d+$", "(?i)tin", "^.{0,3}$", "a", "n$", r"^\p{Lu}", r"\s", "^Theo ", ".",
    ]);
    let header = pattern
        .clone()
        .prop_map(|p| format!("[[header]]\npattern = '{p}'\n"));
    let footer = (pattern.clone(), 0.0..=1.0f64, 0usize..30, any::<bool>()).prop_map(
        |(p, pos, words, trailing)| {
            let action = if trailing { "trailing" } else { "cut" };
            format!(
                "[[footer]]\npattern = '{p}'\nmin_position = {pos:?}\nmin_words_before = {words}\n\
                 action = \"{action}\"\n"
            )
        },
    );
    let sidebar = (pattern.clone(), 0usize..4, 0usize..4, 1usize..4).prop_map(
        |(p, before, after, run)| {
            format!(
                "[[sidebar]]\npattern = '{p}'\nbefore = {before}\nafter = {after}\nmin_run = {run}\n"
            )
        },
    );
    let inline =
        (pattern, prop::option::of(1usize..4), "[a-z ]{0,3}").prop_map(|(p, lead, replace)| {
            let lead = lead.map_or(String::new(), |n| format!("lead = {n}\n"));
            format!("[[inline]]\npattern = '{p}'\nreplace = \"{replace}\"\n{lead}")
        });
    prop::collection::vec(prop_oneof![header, footer, sidebar, inline], 1..8).prop_map(|rules| {
        rules
            .iter()
            .enumerate()
            .map(|(i, r)| r.replacen('\n', &format!("\nname = \"p.r{i}\"\n"), 1))
            .collect()
    })
}

/// Checks that `cleaned` is exactly `text` with its reported removals and edits applied, laid out
/// as the module docs of the engine promise. `shortening` also requires every edit to shorten its
/// line by cutting characters out (true of rules whose `replace` is empty).
fn check_invariants(text: &str, cleaned: &Cleaned, shortening: bool) -> Result<(), TestCaseError> {
    let norm = normalize(text);
    let lines: Vec<&str> = norm.split('\n').collect();
    let removed: Vec<usize> = cleaned.removals.iter().map(|r| r.line).collect();
    prop_assert!(
        removed.windows(2).all(|w| w[0] < w[1]),
        "removals out of order"
    );
    let mut after: HashMap<usize, &str> = HashMap::new();
    for e in &cleaned.edits {
        let before = lines[e.line - 1];
        let from = after.get(&e.line).copied().unwrap_or(before);
        prop_assert_eq!(e.before.as_str(), from, "edit does not start from the line");
        if shortening {
            prop_assert!(e.after.len() < e.before.len());
            let mut rest = e.before.chars();
            prop_assert!(
                e.after.chars().all(|c| rest.any(|d| d == c)),
                "{:?} is not {:?} with parts cut out",
                e.after,
                e.before
            );
        }
        after.insert(e.line, &e.after);
    }
    let kept: Vec<&str> = (1..=lines.len())
        .filter(|n| !lines[n - 1].is_empty() && removed.binary_search(n).is_err())
        .map(|n| after.get(&n).copied().unwrap_or(lines[n - 1]))
        .collect();
    let out: Vec<&str> = cleaned.text.lines().filter(|l| !l.is_empty()).collect();
    prop_assert_eq!(out, kept);
    for r in &cleaned.removals {
        prop_assert!(
            !lines[r.line - 1].is_empty(),
            "a blank line listed as removed"
        );
    }
    let t = &cleaned.text;
    prop_assert!(t.is_empty() || (t.ends_with('\n') && !t.ends_with("\n\n")));
    prop_assert!(!t.starts_with('\n') && !t.contains("\n\n\n") && !t.contains('\r'));
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn builtin_rules_never_panic_on_arbitrary_text(text in any::<String>()) {
        let cleaned = builtin().clean_at(&text, Some("a/b.txt"));
        check_invariants(&text, &cleaned, true)?;
    }

    #[test]
    fn builtin_rules_keep_input_lines_or_shorten_them(text in document()) {
        let cleaned = builtin().clean(&text);
        check_invariants(&text, &cleaned, true)?;
    }

    #[test]
    fn any_rules_keep_the_line_invariants(rules in rule_file(), text in document()) {
        let set = RuleSet::from_sources(&[RuleSource::new("p.toml", rules.as_str())])
            .map_err(|e| TestCaseError::fail(format!("{e}\n{rules}")))?;
        let cleaned = set.clean(&text);
        check_invariants(&text, &cleaned, false)?;
    }
}

fn write_corpus(dir: &Path, docs: &[String]) {
    for (i, doc) in docs.iter().enumerate() {
        let path = dir.join(format!("s{}/d{i:03}.txt", i % 4));
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, doc).unwrap();
    }
}

fn read_tree(dir: &Path) -> Vec<(PathBuf, Vec<u8>)> {
    walkdir::WalkDir::new(dir)
        .sort_by_file_name()
        .into_iter()
        .map(Result::unwrap)
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            let rel = e.path().strip_prefix(dir).unwrap().to_path_buf();
            (rel, std::fs::read(e.path()).unwrap())
        })
        .collect()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(12))]

    #[test]
    fn output_is_the_same_for_any_number_of_threads(
        docs in prop::collection::vec(document(), 1..40),
        jobs in 2usize..9,
    ) {
        let tmp = tempfile::tempdir().unwrap();
        let input = tmp.path().join("in");
        write_corpus(&input, &docs);
        let rules = builtin();
        let mut trees = Vec::new();
        let mut outcomes = Vec::new();
        for (name, n) in [("one", 1), ("many", jobs)] {
            let out = tmp.path().join(name);
            let opts = Options { jobs: Some(n), ..Options::default() };
            let plan = corpus::plan(&input, &out, &opts).unwrap();
            let (done, summary) = corpus::run(&plan, rules, &opts, &NoProgress);
            prop_assert_eq!(summary.errors, 0);
            outcomes.push(
                done.iter()
                    .map(|o| (o.rel.clone(), o.bytes_out, o.lines_removed()))
                    .collect::<Vec<_>>(),
            );
            trees.push(read_tree(&out));
        }
        prop_assert_eq!(trees[0].len(), docs.len());
        prop_assert_eq!(&trees[0], &trees[1]);
        prop_assert_eq!(&outcomes[0], &outcomes[1]);
    }
}

/// The golden outputs are what the seeds clean to; cleaning them again must change nothing, or a
/// rerun over cleaned data would eat into articles.
#[test]
fn cleaning_the_cleaned_seeds_again_changes_nothing() {
    let rules = builtin();
    let mut names: Vec<PathBuf> = std::fs::read_dir(root().join("seeds"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    names.sort();
    assert!(!names.is_empty());
    for seed in names {
        let once = rules.clean(&std::fs::read_to_string(&seed).unwrap()).text;
        let twice = rules.clean(&once);
        assert_eq!(twice.text, once, "{}", seed.display());
        assert!(twice.removals.is_empty() && twice.edits.is_empty());
    }
}

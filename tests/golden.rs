//! The golden driver: every document in `seeds/` is cleaned with the shipped rules and compared
//! with `golden/<same name>`, through the same library function as `clean check seeds golden`, so
//! the two can never disagree. A difference prints a unified diff naming both files. Run with
//! `UPDATE_GOLDEN=1 cargo test --test golden` to accept the new output (then review `git diff`).

use std::path::Path;

use clean::check::{check, Verdict};
use clean::corpus::Options;
use clean::RuleSet;

#[test]
fn seeds_match_golden() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let update = std::env::var_os("UPDATE_GOLDEN").is_some();
    let run = check(
        &root.join("seeds"),
        &root.join("golden"),
        &RuleSet::builtin(),
        &Options::default(),
        update,
    )
    .expect("seeds/ and golden/ can be paired");
    assert!(!run.documents.is_empty(), "no documents in seeds/");
    assert!(run.walk_errors.is_empty(), "{:?}", run.walk_errors);

    let failures: Vec<String> = run
        .documents
        .iter()
        .filter(|d| !d.blessed)
        .filter_map(|d| match &d.verdict {
            Verdict::Match => None,
            Verdict::Differs { diff } => Some(diff.clone()),
            Verdict::Missing => Some(format!("{}: missing\n", d.golden.display())),
            Verdict::Failed(msg) => Some(format!("{msg}\n")),
        })
        .collect();
    assert!(
        failures.is_empty(),
        "{} of {} documents differ from golden/:\n{}\nIf the new output is right, accept it with \
         `UPDATE_GOLDEN=1 cargo test --test golden` (or `clean check seeds golden --bless`) and \
         review `git diff golden/`.",
        failures.len(),
        run.documents.len(),
        failures.join("\n")
    );
}

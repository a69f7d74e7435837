//! The golden driver: every document in `seeds/` is cleaned with the shipped rules and compared
//! with `golden/<same name>`. A difference prints a unified diff naming both files. Run with
//! `UPDATE_GOLDEN=1 cargo test --test golden` to accept the new output (then review `git diff`).

use std::path::Path;

use clean::RuleSet;
use similar::TextDiff;

#[test]
fn seeds_match_golden() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let rules = RuleSet::builtin();
    let update = std::env::var_os("UPDATE_GOLDEN").is_some();
    let mut seeds: Vec<_> = std::fs::read_dir(root.join("seeds"))
        .expect("seeds/ exists")
        .map(|e| e.expect("readable entry").path())
        .filter(|p| p.is_file())
        .collect();
    seeds.sort();
    assert!(!seeds.is_empty(), "no documents in seeds/");

    let mut failures = Vec::new();
    for seed in &seeds {
        let name = seed.file_name().unwrap();
        let golden = root.join("golden").join(name);
        let input = std::fs::read_to_string(seed).expect("seed is UTF-8");
        let actual = rules.clean(&input).text;
        if update {
            std::fs::write(&golden, &actual).expect("golden/ is writable");
            continue;
        }
        let expected = std::fs::read_to_string(&golden).unwrap_or_default();
        if actual != expected {
            let diff = TextDiff::from_lines(&expected, &actual)
                .unified_diff()
                .header(
                    &golden.display().to_string(),
                    &format!("clean({})", seed.display()),
                )
                .to_string();
            failures.push(diff);
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} documents differ from golden/:\n{}\nIf the new output is right, accept it with \
         `UPDATE_GOLDEN=1 cargo test --test golden` and review `git diff golden/`.",
        failures.len(),
        seeds.len(),
        failures.join("\n")
    );
}

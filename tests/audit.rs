//! End-to-end tests of the commands that let users see and verify what `clean` removes: `explain`,
//! `--report`, `check`, `rules [--lint]`, and the large-removal guard. Each runs the real binary on
//! the seeds or on temporary folders; numbers in the report are checked against removals
//! recomputed here from the library, not against constants.

mod common;

use std::collections::BTreeMap;
use std::path::PathBuf;

use assert_cmd::Command;
use clean::normalize::normalize;
use clean::report::{Report, Status};
use clean::RuleSet;
use common::{root, write};
use predicates::prelude::*;
use predicates::str::contains;

fn clean() -> Command {
    let mut cmd = Command::cargo_bin("clean").expect("binary built");
    cmd.env_remove("NO_COLOR").env_remove("CLICOLOR_FORCE");
    cmd
}

fn stdout_of(cmd: &mut Command) -> String {
    let out = cmd.output().unwrap();
    String::from_utf8(out.stdout).unwrap()
}

fn seeds() -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = std::fs::read_dir(root().join("seeds"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    v.sort();
    v
}

// ---- explain -----------------------------------------------------------------------------------

#[test]
fn explain_names_the_zone_and_rule_of_every_dropped_line() {
    let seed = root().join("seeds/001_fcfc4f94c719c2e8.txt");
    let rules = RuleSet::builtin();
    let text = std::fs::read_to_string(&seed).unwrap();
    let cleaned = rules.clean(&text);
    assert!(!cleaned.removals.is_empty());
    let expected: BTreeMap<usize, String> = cleaned
        .removals
        .iter()
        .map(|r| (r.line, format!("{} {}", r.zone, rules.rule(r.rule).name)))
        .collect();

    let out = stdout_of(clean().arg("explain").arg(&seed));
    assert!(!out.contains('\x1b'), "piped output is plain");
    let mut dropped = BTreeMap::new();
    for line in out.lines() {
        let mut fields = line.split_whitespace();
        let (Some(n), Some("-"), Some(zone), Some(rule)) =
            (fields.next(), fields.next(), fields.next(), fields.next())
        else {
            continue;
        };
        dropped.insert(n.parse::<usize>().unwrap(), format!("{zone} {rule}"));
    }
    assert_eq!(dropped, expected);
}

#[test]
fn explain_shows_an_inline_change_before_and_after() {
    let tmp = tempfile::tempdir().unwrap();
    let rules = tmp.path().join("t.toml");
    write(
        &rules,
        "[[header]]\nname = \"t.kicker\"\npattern = '^KICKER$'\n\
         [[inline]]\nname = \"t.dateline\"\npattern = '^HN - '\n",
    );
    let doc = tmp.path().join("doc.txt");
    write(&doc, "KICKER\n\nHN - The lead.\nThe body.\n");
    let out = stdout_of(clean().arg("explain").arg(&doc).arg("--rules").arg(&rules));
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(
        lines,
        [
            "1 - header t.kicker    KICKER",
            "2",
            "3 ~ inline t.dateline  HN - The lead.",
            "  +                    The lead.",
            "4                      The body.",
        ]
    );
}

#[test]
fn explain_colours_only_when_asked_and_never_with_no_color() {
    let seed = root().join("seeds/001_fcfc4f94c719c2e8.txt");
    let forced = stdout_of(clean().arg("explain").arg(&seed).env("CLICOLOR_FORCE", "1"));
    assert!(forced.contains("\x1b[31m"), "dropped lines in red");
    let refused = stdout_of(
        clean()
            .arg("explain")
            .arg(&seed)
            .env("CLICOLOR_FORCE", "1")
            .env("NO_COLOR", "1"),
    );
    assert!(!refused.contains('\x1b'));
    assert_eq!(refused, stdout_of(clean().arg("explain").arg(&seed)));
}

// ---- report ------------------------------------------------------------------------------------

#[test]
fn report_accounts_for_every_removed_line_of_the_seeds() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("out");
    let report_path = tmp.path().join("r.json");
    clean()
        .arg(root().join("seeds"))
        .arg(&out)
        .arg("--report")
        .arg(&report_path)
        .arg("-q")
        .assert()
        .success();
    let report: Report =
        serde_json::from_str(&std::fs::read_to_string(&report_path).unwrap()).unwrap();
    assert_eq!(report.version, 1);
    assert_eq!(report.documents.len(), seeds().len());

    let rules = RuleSet::builtin();
    let mut per_rule: BTreeMap<String, (usize, usize, u64)> = BTreeMap::new();
    for (seed, doc) in seeds().iter().zip(&report.documents) {
        let name = seed.file_name().unwrap().to_str().unwrap();
        assert_eq!(doc.path, name);
        assert_eq!(doc.status, Status::Ok);
        assert!(!doc.flagged);
        let text = std::fs::read_to_string(seed).unwrap();
        let lines: Vec<String> = normalize(&text).split('\n').map(String::from).collect();
        let cleaned = rules.clean(&text);
        // Every removal, recomputed from the line it removed.
        let mut expected: BTreeMap<String, (usize, u64)> = BTreeMap::new();
        for r in &cleaned.removals {
            let e = expected.entry(rules.rule(r.rule).name.clone()).or_default();
            e.0 += 1;
            e.1 += lines[r.line - 1].len() as u64 + 1;
        }
        let reported: BTreeMap<String, (usize, u64)> = doc
            .removed
            .iter()
            .map(|(k, v)| (k.clone(), (v.lines, v.bytes)))
            .collect();
        assert_eq!(reported, expected, "{name}");
        assert_eq!(doc.lines_removed, cleaned.removals.len(), "{name}");
        assert_eq!(doc.lines_in - doc.lines_out, doc.lines_removed, "{name}");
        assert_eq!(
            doc.bytes_removed,
            expected.values().map(|v| v.1).sum::<u64>(),
            "{name}"
        );
        assert_eq!(doc.bytes_in, std::fs::metadata(seed).unwrap().len());
        assert_eq!(
            doc.bytes_out,
            std::fs::metadata(out.join(name)).unwrap().len()
        );
        for (rule, (n, b)) in expected {
            let t = per_rule.entry(rule).or_default();
            t.0 += 1;
            t.1 += n;
            t.2 += b;
        }
    }
    for r in &report.rules {
        let want = per_rule.get(&r.name).copied().unwrap_or_default();
        if r.edited == 0 {
            assert_eq!((r.documents, r.lines, r.bytes), want, "{}", r.name);
        } else {
            assert_eq!((r.lines, r.bytes), (want.1, want.2), "{}", r.name);
        }
    }
    assert_eq!(report.rules.len(), rules.rules().len());
    let t = &report.totals;
    assert_eq!(
        t.lines_removed,
        per_rule.values().map(|v| v.1).sum::<usize>()
    );
    assert_eq!(t.bytes_removed, per_rule.values().map(|v| v.2).sum::<u64>());
    assert_eq!((t.documents, t.errors, t.flagged), (5, 0, 0));
}

#[test]
fn report_records_a_failed_document_with_its_error() {
    let tmp = tempfile::tempdir().unwrap();
    let input = tmp.path().join("in");
    write(&input.join("good.txt"), "Tiêu đề\nMột đoạn văn.\n");
    std::fs::write(input.join("bad.txt"), b"caf\xe9\n").unwrap();
    let report_path = tmp.path().join("r.json");
    clean()
        .arg(&input)
        .arg(tmp.path().join("out"))
        .arg("--report")
        .arg(&report_path)
        .arg("-q")
        .assert()
        .code(1);
    let report: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&report_path).unwrap()).unwrap();
    let docs = report["documents"].as_array().unwrap();
    assert_eq!(docs[0]["path"], "bad.txt");
    assert_eq!(docs[0]["status"], "error");
    assert!(docs[0]["error"]
        .as_str()
        .unwrap()
        .contains("not valid UTF-8"));
    assert_eq!(docs[1]["status"], "ok");
    assert!(docs[1].get("error").is_none());
    assert_eq!(report["totals"]["errors"], 1);
}

// ---- check -------------------------------------------------------------------------------------

#[test]
fn check_passes_on_the_golden_tree_and_shows_an_edited_line() {
    clean()
        .args(["check", "seeds", "golden"])
        .current_dir(root())
        .assert()
        .success()
        .stdout("")
        .stderr(contains("5 documents, 5 match, 0 differ"));

    let tmp = tempfile::tempdir().unwrap();
    let golden = tmp.path().join("golden");
    for seed in seeds() {
        let name = seed.file_name().unwrap();
        std::fs::create_dir_all(&golden).unwrap();
        std::fs::copy(root().join("golden").join(name), golden.join(name)).unwrap();
    }
    let edited = golden.join("002_77ec6467c3a2622c.txt");
    let text = std::fs::read_to_string(&edited).unwrap();
    let original = text.lines().nth(2).unwrap().to_string();
    write(&edited, text.replacen(&original, "An edited line.", 1));

    let assert = clean()
        .arg("check")
        .arg(root().join("seeds"))
        .arg(&golden)
        .assert()
        .code(1)
        .stderr(contains("4 match, 1 differ"));
    let out = String::from_utf8(assert.get_output().stdout.clone()).unwrap();
    assert!(out.contains("\n-An edited line.\n"), "{out}");
    assert!(out.contains(&format!("\n+{original}\n")), "{out}");
    assert!(out.contains("002_77ec6467c3a2622c.txt"), "{out}");

    clean()
        .arg("check")
        .arg(root().join("seeds"))
        .arg(&golden)
        .arg("--bless")
        .assert()
        .success()
        .stderr(contains("1 written"));
    assert_eq!(std::fs::read_to_string(&edited).unwrap(), text);
    clean()
        .arg("check")
        .arg(root().join("seeds"))
        .arg(&golden)
        .assert()
        .success();
}

#[test]
fn check_fails_on_missing_golden_files_and_bless_writes_them() {
    let tmp = tempfile::tempdir().unwrap();
    let input = tmp.path().join("in");
    write(&input.join("a/doc.txt"), "KICKER\nBody.\n");
    let rules = tmp.path().join("t.toml");
    write(&rules, "[[header]]\nname = \"t.k\"\npattern = '^KICKER$'\n");
    let golden = tmp.path().join("expected");
    let check = || {
        let mut c = clean();
        c.arg("check")
            .arg(&input)
            .arg(&golden)
            .arg("--rules")
            .arg(&rules);
        c
    };
    check()
        .assert()
        .code(1)
        .stderr(contains("doc.txt: missing"));
    check().arg("--bless").assert().success();
    assert_eq!(
        std::fs::read_to_string(golden.join("a/doc.txt")).unwrap(),
        "Body.\n"
    );
    check().assert().success();
}

// ---- rules -------------------------------------------------------------------------------------

#[test]
fn rules_lists_every_active_rule_with_its_kind() {
    let out = stdout_of(clean().arg("rules"));
    let rules = RuleSet::builtin();
    assert_eq!(out.lines().count(), rules.rules().len());
    for (line, rule) in out.lines().zip(rules.rules()) {
        let fields: Vec<&str> = line.split_whitespace().collect();
        assert_eq!(fields[0], format!("{}:{}", rule.file, rule.line));
        assert_eq!(fields[1], rule.name);
        let kind = clean::lint::rule_kind(rule);
        assert_eq!(fields[2], kind.split(' ').next().unwrap(), "{line}");
        assert!(line.ends_with(&rule.pattern), "{line}");
    }
    assert!(out.contains(" footer trailing "));
}

#[test]
fn lint_warns_about_rules_that_look_wrong() {
    let tmp = tempfile::tempdir().unwrap();
    let rules = tmp.path().join("t.toml");
    write(
        &rules,
        "[[sidebar]]\nname = \"t.ads\"\npattern = '^ADS$'\n\
         [[sidebar]]\nname = \"t.maybe\"\npattern = '^(?:x)?$'\n\
         [[header]]\nname = \"t.never\"\npattern = '^NEVER$'\n",
    );
    let corpus = tmp.path().join("corpus");
    write(&corpus.join("a.txt"), "Title\nADS\nBody.\n");
    let out = stdout_of(
        clean()
            .args(["rules", "--lint"])
            .arg(&corpus)
            .arg("--rules")
            .arg(&rules),
    );
    let shown = rules.display().to_string();
    assert_eq!(
        out,
        format!(
            "{shown}:5: warning: rule `t.maybe`: pattern can match an empty line; anchor it and \
             require at least one character\n\
             {shown}:5: warning: rule `t.maybe`: never fires on the 1 documents of the corpus\n\
             {shown}:8: warning: rule `t.never`: never fires on the 1 documents of the corpus\n"
        )
    );
    clean()
        .args(["rules", "--lint"])
        .arg(&corpus)
        .arg("--rules")
        .arg(&rules)
        .assert()
        .code(1)
        .stderr(contains("3 rules checked on 1 documents, 3 warnings"));

    // Duplicate names, across files: all listed, where the compiler would stop at the first.
    let more = tmp.path().join("u.toml");
    write(
        &more,
        "[[footer]]\nname = \"t.ads\"\npattern = '^x$'\n[[inline]]\nname = \"t.never\"\npattern = 'y'\n",
    );
    clean()
        .args(["rules", "--lint", "--rules"])
        .arg(&rules)
        .arg("--rules")
        .arg(&more)
        .assert()
        .code(1)
        .stdout(contains(
            "u.toml:2: warning: rule `t.ads`: duplicate name, first defined at",
        ))
        .stdout(contains(
            "u.toml:5: warning: rule `t.never`: duplicate name",
        ));

    // The shipped rules are clean without a corpus.
    clean().args(["rules", "--lint"]).assert().success();
}

// ---- large-removal guard -----------------------------------------------------------------------

#[test]
fn guard_flags_a_document_a_bad_rule_would_eat_and_strict_fails_it() {
    let tmp = tempfile::tempdir().unwrap();
    let rules = tmp.path().join("greedy.toml");
    // Too broad: meant for "Ad: ..." lines, it takes every line starting with a capital.
    write(
        &rules,
        "[[sidebar]]\nname = \"t.greedy\"\npattern = '^\\p{Lu}'\n",
    );
    let input = tmp.path().join("in");
    let body = "A sentence of the article that goes on for a while.\n".repeat(40);
    write(&input.join("big.txt"), format!("{body}tail\n"));
    write(&input.join("small.txt"), "Short.\n");

    let out = tmp.path().join("out");
    let report_path = tmp.path().join("r.json");
    clean()
        .arg(&input)
        .arg(&out)
        .arg("--rules")
        .arg(&rules)
        .arg("--report")
        .arg(&report_path)
        .assert()
        .success()
        .stderr(contains("warning: big.txt: cleaning removes 100% of its"))
        .stderr(contains("0 errors, 1 flagged,"));
    assert!(out.join("big.txt").exists(), "flagged, still written");
    let report: Report =
        serde_json::from_str(&std::fs::read_to_string(&report_path).unwrap()).unwrap();
    let flags: Vec<(&str, bool)> = report
        .documents
        .iter()
        .map(|d| (d.path.as_str(), d.flagged))
        .collect();
    assert_eq!(
        flags,
        [("big.txt", true), ("small.txt", false)],
        "small documents are not judged"
    );
    assert_eq!(report.totals.flagged, 1);

    let strict_out = tmp.path().join("strict");
    clean()
        .arg(&input)
        .arg(&strict_out)
        .arg("--rules")
        .arg(&rules)
        .arg("--strict")
        .assert()
        .code(1)
        .stderr(contains("big.txt: cleaning would remove 100% of its"))
        .stderr(contains("not written (--strict)"));
    assert!(!strict_out.join("big.txt").exists());
    assert!(strict_out.join("small.txt").exists());

    // A looser limit lets it through.
    clean()
        .arg(&input)
        .arg(tmp.path().join("loose"))
        .arg("--rules")
        .arg(&rules)
        .args(["--strict", "--max-removal", "1"])
        .assert()
        .success();
}

#[test]
fn the_seeds_pass_the_guard_in_strict_mode() {
    let tmp = tempfile::tempdir().unwrap();
    clean()
        .arg(root().join("seeds"))
        .arg(tmp.path().join("out"))
        .arg("--strict")
        .assert()
        .success()
        .stderr(contains(" 0 errors, ").and(contains("flagged").not()));
}

// ---- command line shape ------------------------------------------------------------------------

#[test]
fn a_folder_named_like_a_command_is_reached_with_dot_slash() {
    let tmp = tempfile::tempdir().unwrap();
    let body = "The council met on Monday and agreed to open the new library in the spring.\n";
    write(&tmp.path().join("check/doc.txt"), body);
    clean()
        .current_dir(tmp.path())
        .args(["./check", "out", "-q"])
        .assert()
        .success();
    assert_eq!(
        std::fs::read_to_string(tmp.path().join("out/doc.txt")).unwrap(),
        body
    );
    // Without `./` it is the subcommand, which wants two paths.
    clean()
        .current_dir(tmp.path())
        .args(["check", "out"])
        .assert()
        .code(2);
}

//! End-to-end tests of the `clean` binary on temporary folders: whole output trees compared, exit
//! statuses, and rule-file errors tested as data (tests/rule-errors/NAME.toml in, NAME.stderr out).

mod common;

use std::path::PathBuf;

use common::{clean, root, tree};

#[test]
fn cleans_the_seeds_into_the_golden_tree() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("out");
    clean()
        .arg(root().join("seeds"))
        .arg(&out)
        .arg("--quiet")
        .assert()
        .success()
        .stderr("");
    assert_eq!(tree(&out), tree(&root().join("golden")));
}

#[test]
fn nested_folders_keep_their_relative_paths_and_any_job_count_gives_the_same_tree() {
    let tmp = tempfile::tempdir().unwrap();
    let input = tmp.path().join("in");
    for (i, seed) in std::fs::read_dir(root().join("seeds")).unwrap().enumerate() {
        let seed = seed.unwrap().path();
        let dir = input.join(format!("site {i}/tầng"));
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::copy(&seed, dir.join(seed.file_name().unwrap())).unwrap();
    }
    let one = tmp.path().join("one");
    let two = tmp.path().join("two");
    clean()
        .arg(&input)
        .arg(&one)
        .args(["--jobs", "1", "-q"])
        .assert()
        .success();
    clean()
        .arg(&input)
        .arg(&two)
        .args(["--jobs", "2", "-q"])
        .assert()
        .success();
    let a = tree(&one);
    assert_eq!(a.len(), 5);
    assert!(a
        .keys()
        .all(|k| k.starts_with("site ") && k.contains("/tầng/")));
    assert_eq!(a, tree(&two));
}

#[test]
fn summary_line_reports_the_run() {
    let tmp = tempfile::tempdir().unwrap();
    let assert = clean()
        .arg(root().join("seeds"))
        .arg(tmp.path().join("o"))
        .assert()
        .success();
    let stderr = String::from_utf8(assert.get_output().stderr.clone()).unwrap();
    assert!(
        stderr.starts_with("clean: 5 documents, 49115 -> 31954 bytes, "),
        "{stderr}"
    );
    assert!(stderr.contains(" lines removed, 0 errors, "), "{stderr}");
}

#[test]
fn unreadable_document_is_reported_and_the_others_are_written() {
    let tmp = tempfile::tempdir().unwrap();
    let input = tmp.path().join("in");
    std::fs::create_dir_all(&input).unwrap();
    std::fs::write(input.join("good.txt"), "Tiêu đề\nMột đoạn văn.\n").unwrap();
    std::fs::write(input.join("bad.txt"), b"caf\xe9 au lait\n").unwrap();
    let out = tmp.path().join("out");
    clean()
        .arg(&input)
        .arg(&out)
        .arg("-q")
        .assert()
        .code(1)
        .stderr(predicates::str::contains(
            "bad.txt: not valid UTF-8 (first bad byte at offset 3)",
        ));
    assert_eq!(tree(&out).keys().collect::<Vec<_>>(), ["good.txt"]);
}

#[test]
fn replacing_rules_with_a_user_file() {
    let tmp = tempfile::tempdir().unwrap();
    let rules = tmp.path().join("mine.toml");
    std::fs::write(
        &rules,
        "[[header]]\nname = \"mine.kicker\"\npattern = '^KICKER$'\n",
    )
    .unwrap();
    let input = tmp.path().join("doc.txt");
    // "Thời sự" would go with the built-in rules; with --rules only the user's rule applies. The
    // body is a real paragraph, which the built-in heuristics keep, in Vietnamese: the built-in
    // Vietnamese rules apply to nothing else.
    let body = "Hội đồng thành phố đã quyết định mở rộng tuyến xe buýt đêm tới các quận phía bắc, \
                sau một năm mà số hành khách trên các tuyến muộn tăng hơn một phần ba.";
    std::fs::write(&input, format!("KICKER\nThời sự\n{body}\n")).unwrap();
    clean()
        .arg(&input)
        .arg("-")
        .arg("--rules")
        .arg(&rules)
        .arg("-q")
        .assert()
        .success()
        .stdout(format!("Thời sự\n{body}\n"));
    clean()
        .arg(&input)
        .arg("-")
        .arg("--add-rules")
        .arg(&rules)
        .arg("-q")
        .assert()
        .success()
        .stdout(format!("{body}\n"));
}

/// Each tests/rule-errors/NAME.toml is run as `--rules NAME.toml`; stderr must equal NAME.stderr,
/// the status must be 2, and no output folder may appear.
#[test]
fn rule_file_errors_as_data() {
    let dir = root().join("tests/rule-errors");
    let mut cases: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "toml"))
        .collect();
    cases.sort();
    assert!(cases.len() >= 5, "rule-error cases missing");
    for case in cases {
        let name = case.file_name().unwrap().to_str().unwrap();
        let expected = std::fs::read_to_string(case.with_extension("stderr"))
            .unwrap_or_else(|_| panic!("{} has no .stderr beside it", case.display()));
        let tmp = tempfile::tempdir().unwrap();
        let out = tmp.path().join("out");
        let output = clean()
            .current_dir(&dir)
            .arg(root().join("seeds"))
            .arg(&out)
            .args(["--rules", name])
            .output()
            .unwrap();
        let stderr = String::from_utf8(output.stderr).unwrap();
        assert_eq!(stderr, expected, "stderr of {name}");
        assert_eq!(output.status.code(), Some(2), "status of {name}");
        assert!(!out.exists(), "{name}: output written despite bad rules");
    }
}

#[test]
fn missing_input_is_a_usage_error() {
    let tmp = tempfile::tempdir().unwrap();
    clean()
        .arg(tmp.path().join("nope"))
        .arg(tmp.path().join("out"))
        .assert()
        .code(2)
        .stderr(predicates::str::contains("nope: cannot read input"));
}

#[test]
fn output_inside_input_is_refused() {
    let tmp = tempfile::tempdir().unwrap();
    let input = tmp.path().join("in");
    std::fs::create_dir_all(&input).unwrap();
    std::fs::write(input.join("a.txt"), "x\n").unwrap();
    clean()
        .arg(&input)
        .arg(input.join("out"))
        .assert()
        .code(2)
        .stderr(predicates::str::contains(
            "output folder is the input folder or inside it",
        ));
    clean().arg(&input).arg(&input).assert().code(2);
    assert_eq!(tree(&input).len(), 1, "input untouched");
}

//! Robustness of the `clean` binary on what real scraped corpora hold: broken encodings, binaries,
//! empty files, big documents, odd folder trees, bad IN/OUT combinations, failed writes, and a run
//! killed with SIGKILL in the middle. Every case checks the exit status, the message naming each
//! bad file, that the good files' outputs are right, and that the input is never touched.
//! Symbolic links, named pipes, permissions and signals make these tests Unix-only.

#![cfg(unix)]

mod common;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Stdio;
use std::time::{Duration, Instant};

use common::{clean, root, seeds, write};

/// Every regular file under `dir` (symbolic links not followed), by relative path, with its bytes.
fn tree(dir: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    let mut files = BTreeMap::new();
    for entry in walkdir::WalkDir::new(dir).sort_by_file_name() {
        let entry = entry.unwrap();
        if entry.file_type().is_file() {
            let rel = entry.path().strip_prefix(dir).unwrap().to_path_buf();
            files.insert(rel, std::fs::read(entry.path()).unwrap());
        }
    }
    files
}

/// Asserts two trees are equal, naming the paths that differ instead of dumping contents.
#[track_caller]
fn assert_same_tree(got: &BTreeMap<PathBuf, Vec<u8>>, want: &BTreeMap<PathBuf, Vec<u8>>) {
    let only_got: Vec<_> = got.keys().filter(|k| !want.contains_key(*k)).collect();
    let only_want: Vec<_> = want.keys().filter(|k| !got.contains_key(*k)).collect();
    let differ: Vec<_> = got
        .iter()
        .filter(|(k, v)| want.get(*k).is_some_and(|w| w != *v))
        .map(|(k, _)| k)
        .collect();
    assert!(
        only_got.is_empty() && only_want.is_empty() && differ.is_empty(),
        "unexpected: {only_got:?}; missing: {only_want:?}; different content: {differ:?}"
    );
}

/// True when `name` has the shape of one of clean's staging files (`.clean-*.tmp`).
fn is_staging(name: &Path) -> bool {
    let n = name.file_name().unwrap().to_string_lossy();
    n.starts_with(".clean-") && n.ends_with(".tmp")
}

fn stderr_of(output: &std::process::Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

/// True when this process can still read a file after `chmod 000` (it runs as root, or on a file
/// system without permissions), so permission tests cannot observe anything.
fn permissions_are_bypassed(dir: &Path) -> bool {
    use std::os::unix::fs::PermissionsExt;
    let probe = dir.join("probe");
    std::fs::write(&probe, "x").unwrap();
    std::fs::set_permissions(&probe, std::fs::Permissions::from_mode(0o000)).unwrap();
    let readable = std::fs::read(&probe).is_ok();
    std::fs::set_permissions(&probe, std::fs::Permissions::from_mode(0o644)).unwrap();
    std::fs::remove_file(&probe).unwrap();
    readable
}

/// A hidden file with a sentence in it, so that it comes out as it went in.
const GIT_CONFIG: &str =
    "This hidden file holds a sentence that is long enough to read as the text of a page.\n";

/// A corpus with every kind of bad or odd file next to good ones. Returns the good outputs
/// expected by default (no flags): relative path -> bytes.
fn build_bad_corpus(input: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    use std::os::unix::ffi::OsStrExt;
    let seeds = seeds();
    let mut expected = BTreeMap::new();
    let mut good = |rel: &Path, seed: usize| {
        write(&input.join(rel), &seeds[seed].1);
        expected.insert(rel.to_path_buf(), seeds[seed].2.clone());
    };
    good(Path::new("good.txt"), 0);
    good(Path::new("nested/deep/tầng 2/tên có dấu cách.txt"), 1);
    good(Path::new("a b/c d.txt"), 2);
    // A file name that is not UTF-8 at all (Latin-1 "café"): the output keeps the raw name.
    good(
        &Path::new("latin1").join(std::ffi::OsStr::from_bytes(b"caf\xe9.txt")),
        3,
    );
    // CRLF line ends and a BOM give the same output as the plain seed.
    let mut crlf = b"\xef\xbb\xbf".to_vec();
    crlf.extend(
        String::from_utf8(seeds[4].1.clone())
            .unwrap()
            .replace('\n', "\r\n")
            .bytes(),
    );
    write(&input.join("crlf-bom.txt"), &crlf);
    expected.insert("crlf-bom.txt".into(), seeds[4].2.clone());

    // Empty files and files that become empty give empty outputs.
    for (name, bytes) in [
        ("empty.txt", &b""[..]),
        ("blank.txt", b"\n  \r\n\t\n\n"),
        ("bom-only.txt", b"\xef\xbb\xbf"),
        ("only-boilerplate.txt", "Thời sự\n".as_bytes()),
    ] {
        write(&input.join(name), bytes);
        expected.insert(name.into(), Vec::new());
    }

    // Bad documents: reported by name, skipped, counted.
    write(
        &input.join("bad-utf8.txt"),
        b"Ti\xeau \xc4\x91\xe1\xbb\n\xff\xfe The body of this page is a sentence that reads as prose, \
          and it goes on for long enough to be kept as the article.\n",
    );
    write(
        &input.join("sub/binary.bin"),
        b"\x7fELF\x02\x01\x01\x00\x00\x00text",
    );

    // Hidden files and folders: skipped by default.
    write(&input.join(".hidden.txt"), &seeds[0].1);
    write(&input.join(".git/config"), GIT_CONFIG);
    // Names of clean's own staging files are never inputs, even with --hidden.
    write(&input.join(".clean-1-abcdef.tmp"), "half a docu");

    // Symbolic links: a link to a good file, a dangling link, a loop back to the root folder.
    std::os::unix::fs::symlink("good.txt", input.join("link.txt")).unwrap();
    std::os::unix::fs::symlink("nowhere.txt", input.join("dangling.txt")).unwrap();
    std::os::unix::fs::symlink("..", input.join("nested/loop")).unwrap();

    // A named pipe would block a reader forever: it is not a regular file and is passed over.
    let fifo = input.join("pipe");
    let status = std::process::Command::new("mkfifo").arg(&fifo).status();
    assert!(status.is_ok_and(|s| s.success()), "mkfifo failed");
    expected
}

#[test]
fn bad_corpus_runs_through_naming_each_bad_file() {
    let tmp = tempfile::tempdir().unwrap();
    let input = tmp.path().join("in");
    let expected = build_bad_corpus(&input);
    let before = tree(&input);
    let out = tmp.path().join("out");
    let output = clean().arg(&input).arg(&out).output().unwrap();
    let stderr = stderr_of(&output);
    assert_eq!(output.status.code(), Some(1), "{stderr}");
    assert!(
        stderr.contains("bad-utf8.txt: not valid UTF-8 (first bad byte at offset 2)"),
        "{stderr}"
    );
    assert!(
        stderr.contains("sub/binary.bin: holds NUL bytes, looks like a binary file; skipped"),
        "{stderr}"
    );
    assert!(!stderr.contains("panicked"), "{stderr}");
    // Two documents failed; nothing else was an error.
    let docs = expected.len() + 2;
    assert!(
        stderr.contains(&format!("clean: {docs} documents, ")) && stderr.contains(" 2 errors, "),
        "{stderr}"
    );
    assert_same_tree(&tree(&out), &expected);
    assert_same_tree(&tree(&input), &before);
}

#[test]
fn lossy_flag_decodes_invalid_utf8_and_still_skips_binaries() {
    let tmp = tempfile::tempdir().unwrap();
    let input = tmp.path().join("in");
    build_bad_corpus(&input);
    let out = tmp.path().join("out");
    let output = clean()
        .arg(&input)
        .arg(&out)
        .args(["--lossy", "-q"])
        .output()
        .unwrap();
    let stderr = stderr_of(&output);
    assert_eq!(output.status.code(), Some(1), "{stderr}");
    assert!(!stderr.contains("bad-utf8.txt"), "{stderr}");
    assert!(stderr.contains("binary.bin: holds NUL bytes"), "{stderr}");
    let got = std::fs::read_to_string(out.join("bad-utf8.txt")).unwrap();
    assert_eq!(
        got,
        "Ti\u{FFFD}u đ\u{FFFD}\n\u{FFFD}\u{FFFD} The body of this page is a sentence that reads as \
         prose, and it goes on for long enough to be kept as the article.\n"
    );
    assert!(!out.join("sub/binary.bin").exists());
}

#[test]
fn hidden_flag_takes_hidden_files_but_never_staging_files() {
    let tmp = tempfile::tempdir().unwrap();
    let input = tmp.path().join("in");
    let mut expected = build_bad_corpus(&input);
    let out = tmp.path().join("out");
    clean()
        .arg(&input)
        .arg(&out)
        .args(["--hidden", "-q"])
        .assert()
        .code(1);
    expected.insert(".hidden.txt".into(), seeds()[0].2.clone());
    expected.insert(".git/config".into(), GIT_CONFIG.as_bytes().to_vec());
    assert_same_tree(&tree(&out), &expected);
}

#[test]
fn follow_links_flag_follows_links_and_reports_loops_and_dangling_links() {
    let tmp = tempfile::tempdir().unwrap();
    let input = tmp.path().join("in");
    let mut expected = build_bad_corpus(&input);
    let out = tmp.path().join("out");
    let output = clean()
        .arg(&input)
        .arg(&out)
        .args(["--follow-links", "-q"])
        .timeout(Duration::from_secs(120))
        .output()
        .unwrap();
    let stderr = stderr_of(&output);
    assert_eq!(output.status.code(), Some(1), "{stderr}");
    assert!(
        stderr.contains("nested/loop: symbolic link loop, not followed"),
        "{stderr}"
    );
    assert!(stderr.contains("dangling.txt: "), "{stderr}");
    expected.insert("link.txt".into(), seeds()[0].2.clone());
    assert_same_tree(&tree(&out), &expected);
}

/// The user id `clean` runs as in permission tests when this process is root: `nobody`.
const UNPRIVILEGED: u32 = 65534;

/// A `clean` command for which permissions are enforced: the binary itself, or, when this process
/// bypasses permissions (root), the binary run as `nobody` through `setpriv`. None when neither
/// is possible; the caller then has nothing to observe.
fn clean_with_permissions(tmp: &Path) -> Option<(std::process::Command, bool)> {
    let bin = assert_cmd::cargo::cargo_bin("clean");
    if !permissions_are_bypassed(tmp) {
        return Some((std::process::Command::new(bin), false));
    }
    let uid = std::process::Command::new("id").arg("-u").output().ok()?;
    let setpriv = std::process::Command::new("setpriv")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success());
    if String::from_utf8_lossy(&uid.stdout).trim() != "0" || !setpriv {
        return None;
    }
    let mut cmd = std::process::Command::new("setpriv");
    cmd.arg(format!("--reuid={UNPRIVILEGED}"))
        .arg(format!("--regid={UNPRIVILEGED}"))
        .arg("--clear-groups")
        .arg(bin);
    Some((cmd, true))
}

#[test]
fn unreadable_files_and_folders_and_unwritable_outputs_are_reported_and_the_rest_goes_on() {
    use std::os::unix::fs::PermissionsExt;
    let tmp = tempfile::tempdir().unwrap();
    let Some((mut cmd, as_nobody)) = clean_with_permissions(tmp.path()) else {
        eprintln!("note: permissions are not enforced for this user and setpriv is missing");
        return;
    };
    let mode = |p: &Path, m| std::fs::set_permissions(p, std::fs::Permissions::from_mode(m));
    mode(tmp.path(), 0o755).unwrap();
    let input = tmp.path().join("in");
    let seeds = seeds();
    write(&input.join("a.txt"), &seeds[0].1);
    write(&input.join("locked.txt"), &seeds[1].1);
    write(&input.join("closed/b.txt"), &seeds[2].1);
    write(&input.join("read-only/c.txt"), &seeds[3].1);
    write(&input.join("z.txt"), &seeds[4].1);
    mode(&input.join("locked.txt"), 0o000).unwrap();
    mode(&input.join("closed"), 0o000).unwrap();
    // OUT belongs to the user clean runs as, except one subfolder it may not write into.
    let out = tmp.path().join("out");
    std::fs::create_dir_all(out.join("read-only")).unwrap();
    if as_nobody {
        std::os::unix::fs::chown(&out, Some(UNPRIVILEGED), Some(UNPRIVILEGED)).unwrap();
    }
    mode(&out.join("read-only"), 0o555).unwrap();
    let output = cmd.arg(&input).arg(&out).arg("-q").output().unwrap();
    mode(&input.join("closed"), 0o755).unwrap();
    mode(&input.join("locked.txt"), 0o644).unwrap();
    mode(&out.join("read-only"), 0o755).unwrap();
    let stderr = stderr_of(&output);
    assert_eq!(output.status.code(), Some(1), "{stderr}");
    assert!(
        stderr.contains("in/locked.txt: Permission denied"),
        "{stderr}"
    );
    assert!(stderr.contains("in/closed: Permission denied"), "{stderr}");
    assert!(
        stderr.contains("out/read-only/c.txt: Permission denied"),
        "{stderr}"
    );
    assert_eq!(stderr.lines().count(), 3, "{stderr}");
    let got = tree(&out);
    assert_eq!(got.keys().collect::<Vec<_>>(), ["a.txt", "z.txt"]);
    assert_eq!(got[Path::new("a.txt")], seeds[0].2);
    assert_eq!(got[Path::new("z.txt")], seeds[4].2);
}

#[test]
fn a_failed_write_is_reported_and_does_not_harm_the_other_outputs() {
    let tmp = tempfile::tempdir().unwrap();
    let input = tmp.path().join("in");
    let seeds = seeds();
    write(&input.join("a.txt"), &seeds[0].1);
    write(&input.join("dir-in-the-way.txt"), &seeds[1].1);
    write(&input.join("sub/b.txt"), &seeds[2].1);
    write(&input.join("z.txt"), &seeds[3].1);
    let out = tmp.path().join("out");
    // An existing folder where one output file should go, and a file where a folder should go.
    std::fs::create_dir_all(out.join("dir-in-the-way.txt/keep")).unwrap();
    write(&out.join("sub"), "a file, not a folder");
    let output = clean().arg(&input).arg(&out).arg("-q").output().unwrap();
    let stderr = stderr_of(&output);
    assert_eq!(output.status.code(), Some(1), "{stderr}");
    assert!(stderr.contains("out/dir-in-the-way.txt: "), "{stderr}");
    assert!(stderr.contains("out/sub/b.txt: not written: "), "{stderr}");
    let got = tree(&out);
    assert_eq!(got[Path::new("a.txt")], seeds[0].2);
    assert_eq!(got[Path::new("z.txt")], seeds[3].2);
    assert_eq!(got[Path::new("sub")], b"a file, not a folder");
    assert_eq!(got.len(), 3, "{:?}", got.keys());
    assert!(out.join("dir-in-the-way.txt/keep").is_dir());
    assert!(
        std::fs::read_dir(&out)
            .unwrap()
            .all(|e| !is_staging(&e.unwrap().path())),
        "a staging file was left after a failed rename"
    );
}

#[test]
fn in_and_out_combinations_are_errors_or_documented_behaviours() {
    let tmp = tempfile::tempdir().unwrap();
    let seeds = seeds();
    let input = tmp.path().join("in");
    write(&input.join("a.txt"), &seeds[0].1);
    write(&input.join("in/b.txt"), &seeds[1].1);
    let before = tree(&input);
    let doc = input.join("a.txt");

    // IN missing.
    clean()
        .arg(tmp.path().join("missing"))
        .arg(tmp.path().join("o1"))
        .assert()
        .code(2)
        .stderr(predicates::str::contains("missing: cannot read input"));
    // OUT equal to IN, and OUT inside IN.
    clean()
        .arg(&input)
        .arg(&input)
        .assert()
        .code(2)
        .stderr(predicates::str::contains(
            "output folder is the input folder",
        ));
    clean()
        .arg(&input)
        .arg(input.join("sub/out"))
        .assert()
        .code(2)
        .stderr(predicates::str::contains(
            "output folder is the input folder or inside it",
        ));
    // OUT an existing file while IN is a folder.
    let file = tmp.path().join("existing.txt");
    write(&file, "old");
    clean()
        .arg(&input)
        .arg(&file)
        .assert()
        .code(2)
        .stderr(predicates::str::contains(
            "existing.txt: output exists and is not a folder",
        ));
    // OUT reaching into IN through a symbolic link.
    let linked = tmp.path().join("linked");
    std::fs::create_dir_all(&linked).unwrap();
    std::os::unix::fs::symlink(&input, linked.join("in")).unwrap();
    clean()
        .arg(&input)
        .arg(&linked)
        .assert()
        .code(2)
        .stderr(predicates::str::contains("inside the input folder"));
    // IN inside OUT: allowed while no output lands in IN; here in/in/b.txt would go to in/b.txt.
    clean()
        .arg(&input)
        .arg(tmp.path())
        .assert()
        .code(2)
        .stderr(predicates::str::contains("inside the input folder"));
    // IN a file: OUT equal to IN is refused, through a link too.
    clean()
        .arg(&doc)
        .arg(&doc)
        .assert()
        .code(2)
        .stderr(predicates::str::contains("output is the input file"));
    clean().arg(&doc).arg(&input).assert().code(2);
    std::os::unix::fs::symlink(&doc, tmp.path().join("doc-link.txt")).unwrap();
    clean()
        .arg(&doc)
        .arg(tmp.path().join("doc-link.txt"))
        .assert()
        .code(2);
    // IN a file: OUT `-` is standard output, an existing file is replaced (when older than the
    // input, or with --force: a newer one is an up-to-date output), an existing folder receives
    // the file under its own name.
    clean()
        .arg(&doc)
        .arg("-")
        .arg("-q")
        .assert()
        .success()
        .stdout(seeds[0].2.clone());
    clean().arg(&doc).arg(&file).arg("-q").assert().success();
    assert_eq!(
        std::fs::read(&file).unwrap(),
        b"old",
        "newer output left alone"
    );
    clean()
        .arg(&doc)
        .arg(&file)
        .args(["-q", "--force"])
        .assert()
        .success();
    assert_eq!(std::fs::read(&file).unwrap(), seeds[0].2);
    let folder = tmp.path().join("folder");
    std::fs::create_dir_all(&folder).unwrap();
    clean().arg(&doc).arg(&folder).arg("-q").assert().success();
    assert_eq!(std::fs::read(folder.join("a.txt")).unwrap(), seeds[0].2);

    assert_same_tree(&tree(&input), &before);
}

#[test]
fn stale_staging_files_are_removed_and_live_ones_kept() {
    let tmp = tempfile::tempdir().unwrap();
    let input = tmp.path().join("in");
    write(&input.join("sub/a.txt"), &seeds()[0].1);
    let out = tmp.path().join("out");
    // Left by a killed run (a process id no system hands out), and by a run still going (this
    // test process is alive).
    let dead = out.join("sub/.clean-4294967295-Ab12Cd.tmp");
    let live = out.join(format!("sub/.clean-{}-Ef34Gh.tmp", std::process::id()));
    write(&dead, "half");
    write(&live, "half");
    clean().arg(&input).arg(&out).arg("-q").assert().success();
    assert!(!dead.exists(), "stale staging file left");
    assert!(live.exists(), "a live run's staging file was removed");
    assert_eq!(std::fs::read(out.join("sub/a.txt")).unwrap(), seeds()[0].2);
}

/// A document of a few MB, and one single line of a few MB, come out right.
#[test]
fn big_documents_and_long_lines() {
    let tmp = tempfile::tempdir().unwrap();
    let input = tmp.path().join("in");
    let paragraph = "Người dân Hà Nội đã đến xem triển lãm về lịch sử của thành phố trong nhiều \
                     ngày liền, và các nhà tổ chức cho biết số khách năm nay đông hơn mọi năm.";
    // Every paragraph differs (a repeated line would be judged boilerplate by the heuristics).
    let mut body = String::new();
    let mut n = 0;
    while body.len() < 4 << 20 {
        n += 1;
        body.push_str(&format!("Đoạn {n}. {paragraph}"));
        body.push_str("\n\n");
    }
    let body = body.trim_end().to_string() + "\n";
    // Site chrome around the body: a breadcrumb on top, a source attribution at the end.
    write(
        &input.join("big.txt"),
        format!("Thời sự\n{body}\nTheo VnExpress (vnexpress.net)\n"),
    );
    let line = paragraph.repeat((4 << 20) / paragraph.len()) + "\n";
    write(&input.join("long-line.txt"), &line);
    let out = tmp.path().join("out");
    clean().arg(&input).arg(&out).arg("-q").assert().success();
    assert!(std::fs::read(out.join("big.txt")).unwrap() == body.as_bytes());
    assert!(std::fs::read(out.join("long-line.txt")).unwrap() == line.as_bytes());
}

/// A run killed with SIGKILL in the middle leaves only whole outputs (or leftover staging files,
/// which are never outputs), and a second run completes the tree.
#[test]
fn kill_9_mid_run_leaves_only_whole_outputs_and_a_rerun_completes() {
    let tmp = tempfile::tempdir().unwrap();
    let input = tmp.path().join("in");
    // Small documents (the first lines of each seed, a few of them each time), so that the two
    // full runs stay quick while one run still takes long enough to be killed in the middle.
    let heads: Vec<String> = seeds()
        .iter()
        .map(|(_, seed, _)| {
            let text = String::from_utf8(seed.clone()).unwrap();
            text.lines().take(12).collect::<Vec<_>>().join("\n") + "\n"
        })
        .collect();
    let files = 3000;
    for i in 0..files {
        let doc = heads[i % heads.len()].repeat(1 + i % 3);
        write(&input.join(format!("d{:02}/{i:05}.txt", i / 100)), doc);
    }
    let reference = tmp.path().join("reference");
    clean()
        .arg(&input)
        .arg(&reference)
        .arg("-q")
        .assert()
        .success();
    let expected = tree(&reference);
    assert_eq!(expected.len(), files);

    let out = tmp.path().join("out");
    let bin = assert_cmd::cargo::cargo_bin("clean");
    let mut child = std::process::Command::new(&bin)
        .arg(&input)
        .arg(&out)
        .arg("-q")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    // Kill it as soon as a few outputs are in place.
    let start = Instant::now();
    let first_output = out.join("d00/00010.txt");
    while !first_output.exists() && start.elapsed() < Duration::from_secs(60) {
        std::thread::sleep(Duration::from_micros(200));
    }
    let still_running = child.try_wait().unwrap().is_none();
    child.kill().unwrap();
    assert!(first_output.exists(), "no output appeared within a minute");
    let status = child.wait().unwrap();
    assert!(
        still_running,
        "the run ended before it could be killed; make the corpus bigger"
    );
    use std::os::unix::process::ExitStatusExt;
    assert_eq!(status.signal(), Some(9));

    let after_kill = tree(&out);
    let (staging, outputs): (Vec<_>, Vec<_>) = after_kill.iter().partition(|(p, _)| is_staging(p));
    assert!(
        outputs.len() < files,
        "all outputs were written before the kill"
    );
    for (path, bytes) in &outputs {
        assert!(
            expected.get(*path) == Some(*bytes),
            "{} is not a whole output",
            path.display()
        );
    }
    eprintln!(
        "killed after {} of {files} outputs, {} staging files left",
        outputs.len(),
        staging.len()
    );

    clean().arg(&input).arg(&out).arg("-q").assert().success();
    assert_same_tree(&tree(&out), &expected);
}

/// Rule problems that one data file cannot show: an empty rule folder, a missing rule path, and
/// the same rule name in two files. Each stops the run before anything is written.
#[test]
fn rule_sets_across_files_and_folders_are_checked() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("out");
    let empty = tmp.path().join("no-rules");
    std::fs::create_dir_all(&empty).unwrap();
    write(&empty.join("notes.txt"), "not a rule file");
    let a = tmp.path().join("a.toml");
    let b = tmp.path().join("b.toml");
    write(&a, "[[header]]\nname = \"x.a\"\npattern = '^a$'\n");
    write(&b, "# also\n[[sidebar]]\nname = \"x.a\"\npattern = '^b$'\n");
    let cases: [(&[&Path], String); 3] = [
        (
            &[&empty],
            format!(
                "clean: {}: folder holds no .toml rule files\n",
                empty.display()
            ),
        ),
        (
            &[&tmp.path().join("gone.toml")],
            format!(
                "clean: {}: No such file or directory (os error 2)\n",
                tmp.path().join("gone.toml").display()
            ),
        ),
        (
            &[&a, &b],
            format!(
                "clean: {}:3:1: duplicate rule name `x.a` (first defined at {}:2)\n",
                b.display(),
                a.display()
            ),
        ),
    ];
    for (rules, stderr) in cases {
        let mut cmd = clean();
        cmd.arg(root().join("seeds")).arg(&out);
        for r in rules {
            cmd.arg("--rules").arg(r);
        }
        cmd.assert().code(2).stderr(stderr);
        assert!(!out.exists(), "output written despite bad rules");
    }
}

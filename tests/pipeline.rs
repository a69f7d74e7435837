//! The `clean` binary in ML data pipelines: JSON Lines records through gzip and zstd, compressed
//! text folders, standard input and output, shards that partition a corpus, and incremental runs.

mod common;

use std::collections::BTreeMap;
use std::io::{Read, Write};
use std::path::Path;
use std::time::{Duration, SystemTime};

use assert_cmd::Command;
use common::{clean, root, tree};

/// (file name, contents) of every seed, and of its golden output, sorted by name.
fn seeds() -> Vec<(String, String, String)> {
    common::seeds()
        .into_iter()
        .map(|(n, seed, golden)| {
            (
                n,
                String::from_utf8(seed).unwrap(),
                String::from_utf8(golden).unwrap(),
            )
        })
        .collect()
}

fn gzip(bytes: &[u8]) -> Vec<u8> {
    let mut e = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    e.write_all(bytes).unwrap();
    e.finish().unwrap()
}

fn gunzip(bytes: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    flate2::read::MultiGzDecoder::new(bytes)
        .read_to_end(&mut out)
        .unwrap();
    out
}

fn json(s: &str) -> String {
    serde_json::to_string(s).unwrap()
}

/// The record of seed `i` around its text: what comes before and after the text value. The other
/// fields are chosen to break any reformatting: exponent and trailing-zero numbers, a 30-digit
/// integer, `\u` escapes (an astral character as a surrogate pair), nested objects, spacing.
fn record_around(i: usize, name: &str) -> (String, String) {
    let before = format!(
        r#"{{"id": "{name}", "n":{i}.0e10 ,"metadata":{{"url":"https:\/\/vn.example\/{i}","score":0.50,"big":123456789012345678901234567890,"t\u00eanA":"\ud83d\ude00 caf\u00e9","deep":{{"a":[1, {{"b":null}}], "c":-0.0}}}},"text": "#
    );
    let after = r#" , "lang" : "vi"}"#.to_string();
    if i.is_multiple_of(2) {
        (before, after)
    } else {
        // The text first, the rest after it.
        (
            r#"{ "text":"#.to_string(),
            format!(r#","id":"{name}","x":1E+2,"e":"\u0041\n"}}"#),
        )
    }
}

#[test]
fn seeds_as_zstd_records_come_out_in_order_with_golden_texts_and_other_bytes_unchanged() {
    let tmp = tempfile::tempdir().unwrap();
    let (mut input, mut expected) = (String::new(), String::new());
    for (i, (name, seed, golden)) in seeds().iter().enumerate() {
        let (before, after) = record_around(i, name);
        input += &format!("{before}{}{after}\n", json(seed));
        expected += &format!("{before}{}{after}\n", json(golden));
    }
    let src = tmp.path().join("seeds.jsonl.zst");
    std::fs::write(&src, zstd::encode_all(input.as_bytes(), 3).unwrap()).unwrap();
    let out = tmp.path().join("out");
    std::fs::create_dir(&out).unwrap();
    clean()
        .arg(&src)
        .arg(&out)
        .arg("-q")
        .assert()
        .success()
        .stderr("");
    let written = std::fs::read(out.join("seeds.jsonl.zst")).unwrap();
    let decoded = String::from_utf8(zstd::decode_all(&written[..]).unwrap()).unwrap();
    assert_eq!(decoded, expected);
    // And, read as JSON, each text equals its golden file.
    let golden: Vec<String> = seeds().into_iter().map(|(_, _, g)| g).collect();
    let texts: Vec<String> = decoded
        .lines()
        .map(|l| {
            serde_json::from_str::<serde_json::Value>(l).unwrap()["text"]
                .as_str()
                .unwrap()
                .to_string()
        })
        .collect();
    assert_eq!(texts, golden);
}

#[test]
fn jsonl_round_trips_through_gzip_and_plain_and_stdin_alike() {
    let tmp = tempfile::tempdir().unwrap();
    let input: String = seeds()
        .iter()
        .map(|(name, seed, _)| format!("{{\"id\":{},\"text\":{}}}\n", json(name), json(seed)))
        .collect();
    std::fs::write(tmp.path().join("a.jsonl"), &input).unwrap();
    std::fs::write(tmp.path().join("a.jsonl.gz"), gzip(input.as_bytes())).unwrap();
    let plain = clean()
        .arg(tmp.path().join("a.jsonl"))
        .arg("-")
        .arg("-q")
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let gz_out = tmp.path().join("b.jsonl.gz");
    clean()
        .arg(tmp.path().join("a.jsonl.gz"))
        .arg(&gz_out)
        .arg("-q")
        .assert()
        .success();
    let written = std::fs::read(&gz_out).unwrap();
    assert_eq!(&written[..2], &[0x1f, 0x8b], "gzip output");
    assert_eq!(gunzip(&written), plain);
    clean()
        .args(["-", "-", "--format", "jsonl", "-q"])
        .write_stdin(input.clone())
        .assert()
        .success()
        .stdout(String::from_utf8(plain.clone()).unwrap());
    let expected: String = seeds()
        .iter()
        .map(|(name, _, golden)| format!("{{\"id\":{},\"text\":{}}}\n", json(name), json(golden)))
        .collect();
    assert_eq!(String::from_utf8(plain).unwrap(), expected);
}

#[test]
fn compressed_text_folders_are_read_and_written_compressed() {
    let tmp = tempfile::tempdir().unwrap();
    let input = tmp.path().join("in");
    std::fs::create_dir(&input).unwrap();
    let seeds = seeds();
    for (i, (name, seed, _)) in seeds.iter().enumerate() {
        match i % 3 {
            0 => std::fs::write(input.join(format!("{name}.gz")), gzip(seed.as_bytes())),
            1 => std::fs::write(
                input.join(format!("{name}.zst")),
                zstd::encode_all(seed.as_bytes(), 3).unwrap(),
            ),
            _ => std::fs::write(input.join(name), seed),
        }
        .unwrap();
    }
    let out = tmp.path().join("out");
    clean().arg(&input).arg(&out).arg("-q").assert().success();
    let got = tree(&out);
    assert_eq!(got.len(), seeds.len());
    for (i, (name, _, golden)) in seeds.iter().enumerate() {
        let text = match i % 3 {
            0 => gunzip(&got[&format!("{name}.gz")]),
            1 => zstd::decode_all(&got[&format!("{name}.zst")][..]).unwrap(),
            _ => got[name].clone(),
        };
        assert_eq!(String::from_utf8(text).unwrap(), *golden, "{name}");
    }
}

#[test]
fn stdin_text_document_to_stdout() {
    let (_, seed, golden) = seeds().remove(0);
    clean()
        .args(["-", "-"])
        .write_stdin(seed)
        .assert()
        .success()
        .stdout(golden);
}

#[test]
fn bad_lines_are_reported_by_number_and_passed_through_or_dropped() {
    let tmp = tempfile::tempdir().unwrap();
    let src = tmp.path().join("r.jsonl");
    std::fs::write(
        &src,
        "{\"text\":\"Người dân đã đến xem triển lãm về lịch sử của thành phố trong nhiều ngày liền.\\n\\n\\nCác nhà tổ chức cho biết số khách năm nay đông hơn mọi năm trước đó.\"}\nnot json\n{\"id\":3}\n{\"text\":\"\"}\n",
    )
    .unwrap();
    let out = clean()
        .arg(&src)
        .arg("-")
        .assert()
        .success()
        .stderr(predicates::str::contains(format!(
            "clean: {}:2: not JSON (expected ident at column 2); passed through unchanged\n\
             clean: {}:3: no field `text`; passed through unchanged\n",
            src.display(),
            src.display()
        )))
        .stderr(predicates::str::contains(
            "4 records (0 dropped empty, 2 bad)",
        ));
    assert_eq!(
        String::from_utf8(out.get_output().stdout.clone()).unwrap(),
        "{\"text\":\"Người dân đã đến xem triển lãm về lịch sử của thành phố trong nhiều ngày liền.\\n\\nCác nhà tổ chức cho biết số khách năm nay đông hơn mọi năm trước đó.\\n\"}\nnot json\n{\"id\":3}\n{\"text\":\"\"}\n"
    );
    clean()
        .arg(&src)
        .arg("-")
        .args(["--drop-bad", "--drop-empty", "-q"])
        .assert()
        .success()
        .stderr(predicates::str::contains(":3: no field `text`; dropped"))
        .stdout("{\"text\":\"Người dân đã đến xem triển lãm về lịch sử của thành phố trong nhiều ngày liền.\\n\\nCác nhà tổ chức cho biết số khách năm nay đông hơn mọi năm trước đó.\\n\"}\n");
}

#[test]
fn stats_field_records_lines_removed_and_rules_hit() {
    let (name, seed, golden) = seeds().remove(0);
    let line = format!(
        "{{\"id\":{},\"text\":{},\"metadata\":{{\"src\":\"x\"}}}}\n",
        json(&name),
        json(&seed)
    );
    let out = clean()
        .args([
            "-",
            "-",
            "--format",
            "jsonl",
            "--stats-field",
            "metadata.clean",
        ])
        .write_stdin(line)
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let record: serde_json::Value = serde_json::from_slice(&out).unwrap();
    assert_eq!(record["text"], golden.as_str());
    assert_eq!(record["metadata"]["src"], "x");
    let stats = &record["metadata"]["clean"];
    let removed = stats["lines_removed"].as_u64().unwrap();
    assert!(removed > 0);
    let hits: u64 = stats["rules"]
        .as_object()
        .unwrap()
        .values()
        .map(|v| v.as_u64().unwrap())
        .sum();
    assert!(hits >= removed, "every removed line is credited to a rule");
    clean()
        .args(["-", "-", "--format", "jsonl", "--stats-field", "text.x"])
        .write_stdin("{}")
        .assert()
        .code(2)
        .stderr(predicates::str::contains("overlap"));
}

#[test]
fn three_shards_give_the_tree_of_one_run_each_document_once() {
    let tmp = tempfile::tempdir().unwrap();
    let input = tmp.path().join("in");
    for (i, (name, seed, _)) in seeds().iter().enumerate() {
        for site in ["a", "b", "c", "d"] {
            let dir = input.join(format!("{site}/{}", i % 2));
            std::fs::create_dir_all(&dir).unwrap();
            std::fs::write(dir.join(name), seed).unwrap();
        }
    }
    let single = tmp.path().join("single");
    clean()
        .arg(&input)
        .arg(&single)
        .arg("-q")
        .assert()
        .success();
    let all = tree(&single);
    assert_eq!(all.len(), 20);

    let together = tmp.path().join("together");
    let mut seen: BTreeMap<String, usize> = BTreeMap::new();
    for k in 0..3 {
        clean()
            .arg(&input)
            .arg(&together)
            .args(["--shard", &format!("{k}/3"), "-q"])
            .assert()
            .success();
        let alone = tmp.path().join(format!("shard{k}"));
        clean()
            .arg(&input)
            .arg(&alone)
            .args(["--shard", &format!("{k}/3"), "-q"])
            .assert()
            .success();
        let part = tree(&alone);
        assert!(
            !part.is_empty() && part.len() < all.len(),
            "shard {k}: {}",
            part.len()
        );
        for (rel, bytes) in part {
            assert_eq!(bytes, all[&rel]);
            *seen.entry(rel).or_default() += 1;
        }
    }
    assert_eq!(tree(&together), all);
    assert!(
        seen.len() == all.len() && seen.values().all(|&n| n == 1),
        "{seen:?}"
    );

    clean()
        .arg(&input)
        .arg(&together)
        .args(["--shard", "3/3"])
        .assert()
        .code(2);
}

fn set_time(path: &Path, time: SystemTime) {
    std::fs::File::options()
        .write(true)
        .open(path)
        .unwrap()
        .set_modified(time)
        .unwrap();
}

fn stderr_of(cmd: &mut Command) -> String {
    String::from_utf8(cmd.assert().success().get_output().stderr.clone()).unwrap()
}

#[test]
fn up_to_date_outputs_are_skipped_until_input_or_rules_change_or_force() {
    let tmp = tempfile::tempdir().unwrap();
    let input = tmp.path().join("in");
    std::fs::create_dir(&input).unwrap();
    let an_hour_ago = SystemTime::now() - Duration::from_secs(3600);
    for (name, seed, _) in seeds() {
        std::fs::write(input.join(&name), seed).unwrap();
        set_time(&input.join(&name), an_hour_ago);
    }
    let rules = tmp.path().join("extra.toml");
    std::fs::write(
        &rules,
        "[[header]]\nname = \"x.never\"\npattern = '^NEVER MATCHES$'\n",
    )
    .unwrap();
    set_time(&rules, an_hour_ago);
    let out = tmp.path().join("out");
    let run = |extra: &[&str]| {
        let mut cmd = clean();
        cmd.arg(&input)
            .arg(&out)
            .arg("--add-rules")
            .arg(&rules)
            .args(extra);
        stderr_of(&mut cmd)
    };

    assert!(run(&[]).starts_with("clean: 5 documents,"));
    // Mark every output, so that a redone one is seen.
    let names: Vec<String> = tree(&out).into_keys().collect();
    for name in &names {
        std::fs::write(out.join(name), "marker\n").unwrap();
    }

    let second = run(&[]);
    assert!(
        second.starts_with("clean: 0 documents,") && second.contains(", 5 skipped (up to date),"),
        "{second}"
    );
    assert!(
        tree(&out).values().all(|b| b == b"marker\n"),
        "nothing rewritten"
    );

    // A newer input is redone, alone.
    set_time(
        &input.join(&names[1]),
        SystemTime::now() + Duration::from_secs(60),
    );
    assert!(run(&[]).contains("clean: 1 documents,"));
    let got = tree(&out);
    assert_ne!(got[&names[1]], b"marker\n");
    assert_eq!(got.values().filter(|b| *b == b"marker\n").count(), 4);

    // --force redoes everything.
    assert!(run(&["--force"]).starts_with("clean: 5 documents,"));
    assert_eq!(tree(&out), tree(&root().join("golden")));

    // A rule file newer than the outputs redoes everything.
    for name in &names {
        std::fs::write(out.join(name), "marker\n").unwrap();
    }
    set_time(&rules, SystemTime::now() + Duration::from_secs(60));
    assert!(run(&[]).starts_with("clean: 5 documents,"));
    assert_eq!(tree(&out), tree(&root().join("golden")));
}

#[test]
fn an_output_named_without_a_folder_is_skipped_when_up_to_date() {
    // `clean in.txt out.txt`, as a Makefile rule runs it: the output lies in the current folder.
    let tmp = tempfile::tempdir().unwrap();
    let (_, seed, _) = seeds().into_iter().next().unwrap();
    std::fs::write(tmp.path().join("in.txt"), seed).unwrap();
    set_time(
        &tmp.path().join("in.txt"),
        SystemTime::now() - Duration::from_secs(3600),
    );
    let run = || stderr_of(clean().current_dir(tmp.path()).args(["in.txt", "out.txt"]));
    assert!(run().starts_with("clean: 1 documents,"));
    let second = run();
    assert!(second.contains(", 1 skipped (up to date),"), "{second}");
}

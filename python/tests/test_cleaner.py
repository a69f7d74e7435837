"""The Python API against the CLI: same output on the seeds (and golden/), same rule loading, same
error messages, and batches equal to documents cleaned one by one."""

import pickle
import re
import subprocess
import unicodedata

import pytest

from clean_rules import Cleaner, RuleError


def run_cli(cli, *args, cwd=None):
    return subprocess.run([str(cli), *map(str, args)], cwd=cwd, capture_output=True, text=True)


def test_seeds_are_cleaned_as_the_cli_cleans_them_and_equal_golden(cli, seeds, golden, tmp_path, root):
    out = tmp_path / "out"
    done = run_cli(cli, root / "seeds", out, "--quiet")
    assert done.returncode == 0, done.stderr
    cleaner = Cleaner()
    for name, text in seeds:
        from_cli = (out / name).read_text(encoding="utf-8")
        from_python = cleaner.clean(text)
        assert from_python == from_cli, f"{name}: Cleaner().clean differs from the CLI"
        assert from_python == golden[name], f"{name}: Cleaner().clean differs from golden/{name}"


def test_batch_equals_documents_cleaned_one_by_one(seeds):
    texts = [text for _, text in seeds]
    one_by_one = [Cleaner().clean(t) for t in texts]
    for cleaner in (Cleaner(), Cleaner(threads=1), Cleaner(threads=2)):
        assert cleaner.clean_batch(texts) == one_by_one
    # A null in a column stays null, in place.
    assert Cleaner().clean_batch([None, texts[0], None]) == [None, one_by_one[0], None]
    assert Cleaner().clean_batch([]) == []


def test_explain_accounts_for_every_line_the_cli_removes(cli, seeds, root, tmp_path):
    done = run_cli(cli, root / "seeds", tmp_path / "out")
    assert done.returncode == 0, done.stderr
    removed_by_cli = int(re.search(r"(\d+) lines removed", done.stderr).group(1))

    cleaner = Cleaner()
    total = 0
    for name, text in seeds:
        report = cleaner.explain(text)
        assert report["text"] == cleaner.clean(text)
        unix = text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
        lines = [line.rstrip() for line in unicodedata.normalize("NFC", unix).split("\n")]
        for removal in report["removals"]:
            assert removal["zone"] in {"header", "footer", "sidebar", "inline"}
            assert removal["rule"] in cleaner.rule_names
            assert removal["text"] == lines[removal["line"] - 1], (name, removal)
            assert removal["text"].strip(), f"{name}: a blank line is listed as removed"
        for edit in report["edits"]:
            assert edit["rule"] in cleaner.rule_names
            assert edit["before"] != edit["after"]
            assert not edit["after"] or edit["after"] in report["text"].split("\n"), (name, edit)
        total += len(report["removals"])
    assert total == removed_by_cli
    assert total > 0


def test_rule_errors_are_the_cli_messages(cli, root, tmp_path, monkeypatch):
    cases = sorted((root / "tests" / "rule-errors").glob("*.toml"))
    assert len(cases) >= 5, "rule-error cases missing"
    for case in cases:
        expected = case.with_suffix(".stderr").read_text(encoding="utf-8")
        # As the Rust CLI test runs them: from the case's folder, named by file name only.
        done = run_cli(cli, root / "seeds", tmp_path / "out", "--rules", case.name, cwd=case.parent)
        assert done.returncode == 2
        assert done.stderr == expected
        monkeypatch.chdir(case.parent)
        with pytest.raises(RuleError) as raised:
            Cleaner(case.name)
        err = raised.value
        assert isinstance(err, ValueError)
        assert f"clean: {err}\n" == expected, case.name
        place = f":{err.line}:{err.column}" if err.line is not None else ""
        assert str(err) == f"{err.file}{place}: {err.reason}"


def test_unreadable_rule_files_raise_the_cli_message(cli, root, tmp_path):
    missing = tmp_path / "missing.toml"
    done = run_cli(cli, root / "seeds", tmp_path / "out", "--rules", missing)
    assert done.returncode == 2
    with pytest.raises(FileNotFoundError) as raised:
        Cleaner(missing)
    assert f"clean: {raised.value}\n" == done.stderr

    empty = tmp_path / "no-rules-here"
    empty.mkdir()
    done = run_cli(cli, root / "seeds", tmp_path / "out", "--rules", empty)
    assert done.returncode == 2
    with pytest.raises(RuleError) as raised:
        Cleaner(empty)
    assert f"clean: {raised.value}\n" == done.stderr


RULES = """
[scope]
path = "site/**"

[[sidebar]]
name = "test.share-line"
pattern = '^~~ Mục tài trợ ~~$'
"""

DOCUMENT = (
    "Giá lúa ở miền Tây tăng mạnh sau nhiều tháng đi ngang\n\n~~ Mục tài trợ ~~\n\n"
    "Thương lái cho biết giá lúa tươi đã lên thêm vài trăm đồng mỗi ký trong tuần qua.\n"
)


def test_rule_files_and_path_scopes_work_as_in_the_cli(cli, tmp_path):
    rules = tmp_path / "rules.toml"
    rules.write_text(RULES, encoding="utf-8")
    corpus = tmp_path / "in"
    for rel in ("site/a.txt", "other/b.txt"):
        (corpus / rel).parent.mkdir(parents=True, exist_ok=True)
        (corpus / rel).write_text(DOCUMENT, encoding="utf-8")

    for flag, cleaner in (("--rules", Cleaner(rules)), ("--add-rules", Cleaner(add_rules=[rules]))):
        out = tmp_path / f"out{flag}"
        done = run_cli(cli, corpus, out, flag, rules, "--quiet")
        assert done.returncode == 0, done.stderr
        for rel in ("site/a.txt", "other/b.txt"):
            expected = (out / rel).read_text(encoding="utf-8")
            assert cleaner.clean(DOCUMENT, path=rel) == expected, (flag, rel)
            assert cleaner.clean_batch([DOCUMENT], paths=[rel]) == [expected], (flag, rel)
        # The scope admits the document only under site/, and only when the path is known.
        assert "Mục tài trợ" not in (out / "site/a.txt").read_text(encoding="utf-8")
        assert "Mục tài trợ" in (out / "other/b.txt").read_text(encoding="utf-8")
        assert "Mục tài trợ" in cleaner.clean(DOCUMENT)

    assert Cleaner(rules).files == [str(rules)]
    assert Cleaner(rules).rule_names == ["test.share-line"]
    assert Cleaner(add_rules=rules).files[-1] == str(rules)


def test_a_pickled_cleaner_keeps_its_rules(tmp_path, seeds):
    rules = tmp_path / "rules.toml"
    rules.write_text(RULES, encoding="utf-8")
    for cleaner in (Cleaner(), Cleaner(add_rules=rules, threads=2)):
        copy = pickle.loads(pickle.dumps(cleaner))
        assert copy.rule_names == cleaner.rule_names
        assert copy.files == cleaner.files
        for _, text in seeds:
            assert copy.clean(text) == cleaner.clean(text)
        assert copy.clean(DOCUMENT, path="site/a.txt") == cleaner.clean(DOCUMENT, path="site/a.txt")


def test_wrong_arguments_are_refused():
    with pytest.raises(ValueError, match="threads"):
        Cleaner(threads=0)
    with pytest.raises(ValueError, match="2 entries for 1 texts"):
        Cleaner().clean_batch(["a"], paths=["x", "y"])
    with pytest.raises(TypeError):
        Cleaner().clean_batch("one string is not a list")
    with pytest.raises(TypeError):
        Cleaner().clean(b"bytes are not text")

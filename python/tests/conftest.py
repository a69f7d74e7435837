"""Shared fixtures: the repository's seeds and golden files, and the real `clean` binary, built by
cargo from the same sources as the package, so results can be compared with the CLI's."""

import json
import os
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

# The tests start a local Ray cluster; it has no reason to report usage anywhere.
os.environ.setdefault("RAY_USAGE_STATS_ENABLED", "0")


@pytest.fixture(scope="session")
def root():
    return ROOT


@pytest.fixture(scope="session")
def seeds():
    """(name, text) of every document of seeds/, sorted by name."""
    files = sorted(p for p in (ROOT / "seeds").iterdir() if p.is_file())
    assert files, "no documents in seeds/"
    return [(p.name, p.read_text(encoding="utf-8")) for p in files]


@pytest.fixture(scope="session")
def golden():
    """Expected cleaned text of each seed, by file name."""
    return {
        p.name: p.read_text(encoding="utf-8")
        for p in (ROOT / "golden").iterdir()
        if p.is_file() and p.name != "README.md"
    }


@pytest.fixture(scope="session")
def cli():
    """Path of the `clean` binary: $CLEAN_BIN, or target/debug/clean built now by cargo."""
    if os.environ.get("CLEAN_BIN"):
        return Path(os.environ["CLEAN_BIN"])
    subprocess.run(["cargo", "build", "--quiet", "--bin", "clean"], cwd=ROOT, check=True)
    meta = subprocess.run(
        ["cargo", "metadata", "--format-version", "1", "--no-deps"],
        cwd=ROOT,
        check=True,
        capture_output=True,
        text=True,
    )
    binary = Path(json.loads(meta.stdout)["target_directory"]) / "debug" / "clean"
    assert binary.is_file(), f"{binary} was not built"
    return binary

"""Ray Data: the seeds cleaned through `map_batches` on a real local Ray cluster equal golden/, and
so does the example script's JSONL and Parquet output. `CleanBatch` itself is also checked on each
batch format without a cluster."""

import importlib.util
import json

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
import ray

from clean_rules import Cleaner
from clean_rules.ray import CleanBatch


@pytest.fixture(scope="module")
def cluster():
    ray.init(num_cpus=2, include_dashboard=False, configure_logging=False, log_to_driver=False)
    yield
    ray.shutdown()


@pytest.fixture
def jsonl_folder(tmp_path, seeds):
    """The seeds as JSONL documents in two files, with an id and a field that must pass through."""
    folder = tmp_path / "pages"
    folder.mkdir()
    for part in range(2):
        with open(folder / f"part-{part}.jsonl", "w", encoding="utf-8") as f:
            for i, (name, text) in enumerate(seeds):
                if i % 2 == part:
                    f.write(json.dumps({"id": name, "text": text, "lang": "vi"}, ensure_ascii=False))
                    f.write("\n")
    return folder


def assert_rows_equal_golden(rows, seeds, golden):
    assert sorted(row["id"] for row in rows) == [name for name, _ in seeds]
    for row in rows:
        assert row["text"] == golden[row["id"]], f"{row['id']}: Ray output differs from golden/"
        assert row["lang"] == "vi"


def test_map_batches_on_a_local_cluster_equals_golden(cluster, jsonl_folder, seeds, golden):
    ds = ray.data.read_json(str(jsonl_folder))
    ds = ds.map_batches(
        CleanBatch,
        fn_constructor_kwargs={"column": "text"},
        batch_format="pyarrow",
        batch_size=2,
        # An autoscaling pool: a fixed pool of 2 actors would hold both CPUs and starve the reads.
        compute=ray.data.ActorPoolStrategy(min_size=1, max_size=2),
    )
    assert_rows_equal_golden(ds.take_all(), seeds, golden)


def load_example(root):
    path = root / "python" / "examples" / "ray_clean_jsonl.py"
    spec = importlib.util.spec_from_file_location("ray_clean_jsonl", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_example_script_writes_jsonl_and_parquet_equal_to_golden(
    cluster, jsonl_folder, seeds, golden, root, tmp_path
):
    example = load_example(root)

    out = tmp_path / "jsonl"
    example.main([str(jsonl_folder), str(out), "--batch-size", "2"])
    rows = []
    for path in sorted(out.iterdir()):
        with open(path, encoding="utf-8") as f:
            rows.extend(json.loads(line) for line in f if line.strip())
    assert_rows_equal_golden(rows, seeds, golden)

    out = tmp_path / "parquet"
    example.main([str(jsonl_folder), str(out), "--format", "parquet"])
    assert_rows_equal_golden(pq.read_table(out).to_pylist(), seeds, golden)


def test_clean_batch_reads_every_batch_format(seeds):
    import numpy as np
    import pandas as pd

    texts = [text for _, text in seeds] + [None]
    expected = Cleaner().clean_batch(texts)
    ids = list(range(len(texts)))

    for kind in (pa.string(), pa.large_string()):
        table = pa.table({"id": ids, "text": pa.array(texts, type=kind)})
        out = CleanBatch()(table)
        assert out.column("text").type == kind
        assert out.column("text").to_pylist() == expected
        assert out.column("id").to_pylist() == ids

    out = CleanBatch(output_column="clean")(pa.table({"text": texts}))
    assert out.column("text").to_pylist() == texts
    assert out.column("clean").to_pylist() == expected

    out = CleanBatch()({"id": np.array(ids), "text": np.array(texts, dtype=object)})
    assert out["text"].tolist() == expected
    assert out["id"].tolist() == ids

    out = CleanBatch()(pd.DataFrame({"id": ids, "text": texts}))
    assert out["text"].tolist()[:-1] == expected[:-1]
    assert pd.isna(out["text"].tolist()[-1])
    assert out["id"].tolist() == ids

    with pytest.raises(TypeError, match="not text"):
        CleanBatch()(pa.table({"text": ids}))
    with pytest.raises(KeyError):
        CleanBatch(column="body")({"text": np.array(texts, dtype=object)})

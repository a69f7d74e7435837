"""Ray Data integration: clean a text column of a dataset with ``Dataset.map_batches``.

    import ray
    from clean_rules.ray import CleanBatch

    ds = ray.data.read_json("pages/")
    ds = ds.map_batches(CleanBatch, fn_constructor_kwargs={"column": "text"},
                        batch_format="pyarrow",
                        compute=ray.data.ActorPoolStrategy(min_size=1, max_size=4))
    ds.write_parquet("clean/")

``CleanBatch`` is a callable class, so Ray runs it in actors: each actor compiles the rules once
and cleans every batch it is handed with them. It accepts the batch formats of ``map_batches``
(``"pyarrow"``, the fastest, ``"pandas"`` and ``"numpy"``) and returns the same format with the
column cleaned (or written to ``output_column``); every other column passes through unchanged, and
a null text stays null. The cleaned texts are exactly what the ``clean`` CLI writes for them.
"""

from clean_rules._core import Cleaner

__all__ = ["CleanBatch"]


class CleanBatch:
    """Cleans the text column of each batch handed to it by ``map_batches``.

    column: the column holding the documents' text (string or large_string).
    output_column: where to put the cleaned text; default: replace ``column``.
    path_column: optional column of relative, ``/``-separated paths, so that rule files scoped by
        a path glob apply as they do for the CLI.
    rules, add_rules: rule files or folders, as for ``Cleaner`` (default: the built-in rules).
    threads: threads used to clean one batch; default: the CPUs Ray assigned to the actor (the
        ``num_cpus`` of ``map_batches``, 1 unless given), so actors do not oversubscribe a node.
    """

    def __init__(
        self,
        column="text",
        *,
        output_column=None,
        path_column=None,
        rules=None,
        add_rules=None,
        threads=None,
    ):
        self.column = column
        self.output_column = output_column or column
        self.path_column = path_column
        if threads is None:
            threads = _assigned_cpus()
        self.cleaner = Cleaner(rules, add_rules=add_rules, threads=threads)

    def __call__(self, batch):
        if _is_arrow_table(batch):
            return self._clean_arrow(batch)
        if isinstance(batch, dict):
            return self._clean_numpy(batch)
        if type(batch).__name__ == "DataFrame":
            return self._clean_pandas(batch)
        raise TypeError(
            f"CleanBatch cannot read a batch of type {type(batch).__name__}; "
            'use batch_format="pyarrow", "pandas" or "numpy"'
        )

    def _clean_arrow(self, table):
        import pyarrow as pa

        column = table.column(self.column)
        if not (pa.types.is_string(column.type) or pa.types.is_large_string(column.type)):
            raise TypeError(f"column {self.column!r} holds {column.type}, not text")
        paths = table.column(self.path_column).to_pylist() if self.path_column else None
        cleaned = self.cleaner.clean_batch(column.to_pylist(), paths)
        array = pa.array(cleaned, type=column.type)
        index = table.schema.get_field_index(self.output_column)
        if index >= 0:
            return table.set_column(index, self.output_column, array)
        return table.append_column(self.output_column, array)

    def _clean_numpy(self, batch):
        import numpy as np

        paths = batch[self.path_column].tolist() if self.path_column else None
        cleaned = self.cleaner.clean_batch(batch[self.column].tolist(), paths)
        out = dict(batch)
        out[self.output_column] = np.array(cleaned, dtype=object)
        return out

    def _clean_pandas(self, frame):
        def texts(series):
            # Missing values are NaN or pd.NA in pandas; the cleaner takes None for them.
            return series.astype(object).where(series.notna(), None).tolist()

        paths = texts(frame[self.path_column]) if self.path_column else None
        cleaned = self.cleaner.clean_batch(texts(frame[self.column]), paths)
        out = frame.copy(deep=False)
        out[self.output_column] = cleaned
        return out


def _is_arrow_table(batch):
    """True when ``batch`` is a ``pyarrow.Table`` (without importing pyarrow for other formats)."""
    module = type(batch).__module__
    return module.startswith("pyarrow") and type(batch).__name__ == "Table"


def _assigned_cpus():
    """The CPUs Ray assigned to the calling actor, or None outside a Ray actor."""
    try:
        import ray
    except ImportError:
        return None
    if not ray.is_initialized():
        return None
    context = ray.get_runtime_context()
    if context.get_actor_id() is None:
        return None
    cpus = context.get_assigned_resources().get("CPU")
    return max(1, int(cpus)) if cpus else None

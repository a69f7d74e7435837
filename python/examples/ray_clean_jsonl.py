#!/usr/bin/env python3
"""Clean a folder of JSONL documents with Ray Data and write JSONL or Parquet.

    python examples/ray_clean_jsonl.py pages/ clean/                     # JSONL out
    python examples/ray_clean_jsonl.py pages/ clean/ --format parquet
    python examples/ray_clean_jsonl.py s3://bucket/pages/ s3://bucket/clean/ --address auto

Every `*.jsonl` / `*.json` file under IN holds one JSON object per line with the document's text in
a column (`text` unless --column says otherwise); every other field is kept as it is. The text is
cleaned by `clean_rules.ray.CleanBatch` in Ray actors, each compiling the rules once, and the result
is byte for byte what the `clean` CLI writes for the same text. Without --address the script starts
a local Ray instance on this machine; with `--address auto` it joins the running cluster.
"""

import argparse

import ray

from clean_rules.ray import CleanBatch


def parse_args(argv=None):
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("input", help="folder (or file) of JSONL documents")
    p.add_argument("output", help="folder to write the cleaned dataset to")
    p.add_argument("--format", choices=["jsonl", "parquet"], default="jsonl")
    p.add_argument("--column", default="text", help="the column holding the text (default: text)")
    p.add_argument("--rules", action="append", help="rule file or folder instead of the built-in rules")
    p.add_argument("--add-rules", action="append", help="rule file or folder added to the rules")
    p.add_argument("--concurrency", type=int, default=2, help="most cleaning actors (default 2)")
    p.add_argument("--batch-size", type=int, default=256, help="documents per batch (default 256)")
    p.add_argument("--address", help="Ray cluster to join (default: start a local one)")
    return p.parse_args(argv)


def clean_jsonl(args):
    """Reads, cleans and writes the dataset described by `args`; returns the number of documents."""
    ds = ray.data.read_json(args.input)
    ds = ds.map_batches(
        CleanBatch,
        fn_constructor_kwargs={
            "column": args.column,
            "rules": args.rules,
            "add_rules": args.add_rules,
        },
        batch_format="pyarrow",
        batch_size=args.batch_size,
        # An autoscaling pool of 1 to --concurrency actors lets Ray keep CPUs for reading; a fixed
        # pool as large as the cluster can hold every CPU and stall the reads for good.
        compute=ray.data.ActorPoolStrategy(min_size=1, max_size=args.concurrency),
    )
    ds = ds.materialize()
    if args.format == "parquet":
        ds.write_parquet(args.output)
    else:
        ds.write_json(args.output)
    return ds.count()


def main(argv=None):
    args = parse_args(argv)
    if not ray.is_initialized():
        ray.init(address=args.address)
    count = clean_jsonl(args)
    print(f"cleaned {count} documents into {args.output} ({args.format})")


if __name__ == "__main__":
    main()

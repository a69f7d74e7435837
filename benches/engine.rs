//! Criterion benchmark of the cleaning core alone (no file I/O): MB/s per core on seed-like text
//! with every shipped rule (and heuristic) on. Run with `cargo bench --bench engine`.

use std::path::Path;

use clean::RuleSet;
use criterion::{criterion_group, criterion_main, Criterion, Throughput};

/// The seed documents, as they come from the scraper.
fn seed_texts() -> Vec<String> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("seeds");
    let mut paths: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    paths.sort();
    paths
        .iter()
        .map(|p| std::fs::read_to_string(p).unwrap())
        .collect()
}

fn engine(c: &mut Criterion) {
    let rules = RuleSet::builtin();
    let docs = seed_texts();
    let bytes: usize = docs.iter().map(String::len).sum();

    let mut group = c.benchmark_group("engine");
    group.throughput(Throughput::Bytes(bytes as u64));
    group.bench_function("seeds", |b| {
        b.iter(|| {
            docs.iter()
                .map(|d| rules.clean(d).text.len())
                .sum::<usize>()
        })
    });
    // One long document: the seeds joined 40 times (about 2 MB), to show time is linear in size.
    let long = docs.join("\n").repeat(40);
    group.throughput(Throughput::Bytes(long.len() as u64));
    group.bench_function("long-document", |b| {
        b.iter(|| rules.clean(&long).text.len())
    });
    group.finish();
}

criterion_group!(benches, engine);
criterion_main!(benches);

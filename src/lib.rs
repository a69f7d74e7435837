//! `clean` strips site boilerplate (breadcrumbs, bylines, trending lists, related-article blocks,
//! attributions) from scraped text documents and keeps the article. The library holds the pure
//! cleaning core ([`RuleSet::clean`]), the rule-file format, and the corpus pipeline that the
//! `clean` binary drives; it never prints, draws or exits.

pub mod builtin;
pub mod check;
pub mod corpus;
pub mod engine;
pub mod error;
pub mod explain;
pub mod formats;
mod gate;
pub mod guard;
pub mod heuristics;
pub mod incremental;
pub mod jsonl;
pub mod learn;
pub mod lint;
mod matcher;
pub mod normalize;
pub mod report;
pub mod rules;
pub mod shard;
pub mod staging;
mod words;
mod zone_set;

pub use engine::{Cleaned, Edit, Removal};
pub use error::{Error, RuleError};
pub use rules::{Rule, RuleId, RuleSet, RuleSource, Zone};

/// Seed lines and variants of them, for tests that compare a fast path with the plain one.
#[cfg(test)]
pub(crate) fn seed_line_variants() -> Vec<String> {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("seeds");
    let mut lines: Vec<String> = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let text = std::fs::read_to_string(entry.unwrap().path()).unwrap();
        for line in normalize::normalize(&text).split('\n') {
            lines.push(line.to_string());
            lines.push(format!("  - {line}"));
            lines.push(format!("Xem thêm: {line}"));
            lines.push(line.to_uppercase());
            lines.push(line.chars().take(25).collect());
            lines.push(line.chars().take(30).collect());
        }
    }
    lines
}

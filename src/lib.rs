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

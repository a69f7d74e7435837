//! The run report (`clean IN OUT --report report.json`): a machine-readable record of what a run
//! removed, for pipelines that must account for every line they drop. It is built from the
//! outcomes the corpus pipeline returns, so it states exactly what was written, and it is plain
//! serde data so that tools (and the tests) can read it back. The schema is documented in README;
//! any change to it that could break a reader raises [`REPORT_VERSION`].

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::corpus::{Outcome, Summary};
use crate::rules::{RuleId, RuleSet, Zone};

/// Version of the report schema.
pub const REPORT_VERSION: u32 = 1;

/// Everything a run did, per document and per rule.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Report {
    pub version: u32,
    pub totals: Totals,
    /// Every document of the run, in the order of the input walk.
    pub documents: Vec<DocumentReport>,
    /// Every rule of the rule set, in rule order, including those that removed nothing.
    pub rules: Vec<RuleReport>,
    /// Problems met while walking IN that belong to no document (an unreadable folder, a loop).
    pub walk_errors: Vec<String>,
}

/// Sums over the run.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Totals {
    pub documents: usize,
    /// Failed documents plus walk errors.
    pub errors: usize,
    /// Documents the large-removal guard flagged.
    pub flagged: usize,
    pub bytes_in: u64,
    pub bytes_out: u64,
    pub lines_in: usize,
    pub lines_out: usize,
    pub lines_removed: usize,
    pub bytes_removed: u64,
}

/// What happened to one document.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DocumentReport {
    /// Path relative to IN, `/`-separated.
    pub path: String,
    /// `"ok"` or `"error"`.
    pub status: Status,
    /// The error message, present only when `status` is `"error"`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub error: Option<String>,
    /// True when the large-removal guard tripped.
    pub flagged: bool,
    pub bytes_in: u64,
    pub bytes_out: u64,
    /// Non-blank lines in and out.
    pub lines_in: usize,
    pub lines_out: usize,
    pub lines_removed: usize,
    /// Sum of `bytes` over `removed`.
    pub bytes_removed: u64,
    /// Removed lines and bytes, by rule name (only rules that removed something).
    pub removed: BTreeMap<String, Removed>,
    /// Lines an inline rule shortened, by rule name (only rules that edited something).
    pub edited: BTreeMap<String, usize>,
}

/// Whether a document was cleaned and written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    Ok,
    Error,
}

/// Lines a rule removed from one document, and the bytes they took (UTF-8 length plus newline).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Removed {
    pub lines: usize,
    pub bytes: u64,
}

/// What one rule did over the whole run.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RuleReport {
    pub name: String,
    pub zone: Zone,
    /// The rule file and the line of the rule's name in it.
    pub file: String,
    pub line: usize,
    /// Documents in which the rule removed or edited at least one line.
    pub documents: usize,
    pub lines: usize,
    pub bytes: u64,
    /// Lines the rule shortened (inline rules only).
    pub edited: usize,
}

impl Report {
    /// The report of a run: its outcomes (as `corpus::run` returns them), its summary and the rule
    /// set it used.
    pub fn build(
        outcomes: &[Outcome],
        summary: &Summary,
        rules: &RuleSet,
        walk_errors: Vec<String>,
    ) -> Report {
        let mut per_rule: Vec<RuleReport> = rules
            .rules()
            .iter()
            .map(|r| RuleReport {
                name: r.name.clone(),
                zone: r.zone,
                file: r.file.clone(),
                line: r.line,
                documents: 0,
                lines: 0,
                bytes: 0,
                edited: 0,
            })
            .collect();
        let name = |id: RuleId| rules.rule(id).name.clone();
        let mut totals = Totals {
            documents: summary.documents,
            errors: summary.errors,
            flagged: summary.flagged,
            ..Totals::default()
        };
        let mut documents = Vec::with_capacity(outcomes.len());
        for o in outcomes {
            let mut removed: BTreeMap<String, Removed> = BTreeMap::new();
            let mut touched: Vec<RuleId> = Vec::new();
            for &(id, lines) in &o.removed_by_rule {
                removed.entry(name(id)).or_default().lines += lines;
                per_rule[id.0 as usize].lines += lines;
                touched.push(id);
            }
            for &(id, bytes) in &o.removed_bytes_by_rule {
                removed.entry(name(id)).or_default().bytes += bytes;
                per_rule[id.0 as usize].bytes += bytes;
            }
            let mut edited = BTreeMap::new();
            for &(id, lines) in &o.edited_by_rule {
                edited.insert(name(id), lines);
                per_rule[id.0 as usize].edited += lines;
                touched.push(id);
            }
            touched.sort();
            touched.dedup();
            for id in touched {
                per_rule[id.0 as usize].documents += 1;
            }
            let lines_removed = o.lines_removed();
            let bytes_removed = removed.values().map(|r| r.bytes).sum();
            totals.bytes_in += o.bytes_in;
            totals.bytes_out += o.bytes_out;
            totals.lines_in += o.lines_in;
            totals.lines_out += o.lines_out;
            totals.lines_removed += lines_removed;
            totals.bytes_removed += bytes_removed;
            documents.push(DocumentReport {
                path: o.rel.clone(),
                status: if o.status.is_ok() {
                    Status::Ok
                } else {
                    Status::Error
                },
                error: o.status.clone().err(),
                flagged: o.flagged,
                bytes_in: o.bytes_in,
                bytes_out: o.bytes_out,
                lines_in: o.lines_in,
                lines_out: o.lines_out,
                lines_removed,
                bytes_removed,
                removed,
                edited,
            });
        }
        Report {
            version: REPORT_VERSION,
            totals,
            documents,
            rules: per_rule,
            walk_errors,
        }
    }

    /// The report as pretty-printed JSON, ending with a newline.
    pub fn to_json(&self) -> String {
        let mut json = serde_json::to_string_pretty(self).expect("a report always serializes");
        json.push('\n');
        json
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::RuleSource;

    fn rules() -> RuleSet {
        RuleSet::from_sources(&[RuleSource::new(
            "t.toml",
            "[[header]]\nname = \"t.kicker\"\npattern = '^KICKER$'\n\
             [[sidebar]]\nname = \"t.ad\"\npattern = '^AD$'\n",
        )])
        .unwrap()
    }

    fn outcome(rel: &str, removed: &[(u32, usize, u64)]) -> Outcome {
        Outcome {
            rel: rel.into(),
            bytes_in: 100,
            bytes_out: 80,
            lines_in: 10,
            lines_out: 10 - removed.iter().map(|r| r.1).sum::<usize>(),
            removed_by_rule: removed.iter().map(|r| (RuleId(r.0), r.1)).collect(),
            removed_bytes_by_rule: removed.iter().map(|r| (RuleId(r.0), r.2)).collect(),
            edited_by_rule: vec![],
            flagged: false,
            status: Ok(()),
            records: None,
        }
    }

    #[test]
    fn sums_per_document_and_per_rule() {
        let outcomes = vec![
            outcome("a.txt", &[(0, 1, 7), (1, 2, 6)]),
            outcome("b.txt", &[(1, 1, 3)]),
            Outcome {
                status: Err("c.txt: broken".into()),
                ..outcome("c.txt", &[])
            },
        ];
        let summary = Summary::of(&outcomes, 0, 0.0);
        let report = Report::build(&outcomes, &summary, &rules(), vec![]);
        assert_eq!(report.totals.lines_removed, 4);
        assert_eq!(report.totals.bytes_removed, 16);
        assert_eq!(report.totals.errors, 1);
        assert_eq!(
            report.documents[0].removed["t.ad"],
            Removed { lines: 2, bytes: 6 }
        );
        assert_eq!(report.documents[2].status, Status::Error);
        assert_eq!(report.documents[2].error.as_deref(), Some("c.txt: broken"));
        let ad = &report.rules[1];
        assert_eq!(
            (ad.name.as_str(), ad.documents, ad.lines, ad.bytes),
            ("t.ad", 2, 3, 9)
        );
        let back: Report = serde_json::from_str(&report.to_json()).unwrap();
        assert_eq!(back, report);
    }
}

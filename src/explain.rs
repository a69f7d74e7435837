//! `clean explain`: the fate of every line of one document, so that whoever writes rules can see
//! why a line went (which zone, which rule) or how an inline rule changed it. The fates come from
//! the same [`RuleSet::clean_at`] call as a real run, mapped back onto the normalized lines; this
//! module only structures them. Colours and layout belong to the binary.

use crate::engine::{Cleaned, Edit};
use crate::normalize::normalize;
use crate::rules::{RuleId, RuleSet, Zone};

/// One line of the normalized document and what cleaning did to it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExplainedLine {
    /// 1-based line number (after line ends are normalized to LF), as in [`crate::Removal`].
    pub number: usize,
    /// The line as the rules saw it (normalized).
    pub text: String,
    pub fate: LineFate,
}

/// What happened to one line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LineFate {
    /// An empty line: layout, kept or folded into a paragraph break, never credited to a rule.
    Blank,
    /// Kept unchanged.
    Kept,
    /// Dropped by a rule of a zone. A line that inline rules cut down to nothing is dropped in
    /// the inline zone; its `edits` show the cuts.
    Dropped {
        zone: Zone,
        rule: RuleId,
        edits: Vec<Edit>,
    },
    /// Kept, shortened by one or more inline rules, in the order they applied; the last edit's
    /// `after` is the line as written.
    Changed { edits: Vec<Edit> },
}

/// A document's lines with their fates, and the cleaning they come from.
#[derive(Debug, Clone)]
pub struct Explanation {
    pub lines: Vec<ExplainedLine>,
    pub cleaned: Cleaned,
}

impl Explanation {
    /// Number of lines of each fate: (kept, dropped, changed); blank lines are not counted.
    pub fn counts(&self) -> (usize, usize, usize) {
        let mut counts = (0, 0, 0);
        for l in &self.lines {
            match l.fate {
                LineFate::Blank => {}
                LineFate::Kept => counts.0 += 1,
                LineFate::Dropped { .. } => counts.1 += 1,
                LineFate::Changed { .. } => counts.2 += 1,
            }
        }
        counts
    }
}

/// Cleans `text` (whose path relative to the corpus root is `path`, when known) and tells the
/// fate of each of its lines. A final newline does not make an extra line.
pub fn explain(rules: &RuleSet, text: &str, path: Option<&str>) -> Explanation {
    let cleaned = rules.clean_at(text, path);
    let normalized = normalize(text);
    let body = normalized.strip_suffix('\n').unwrap_or(&normalized);
    let mut removals = cleaned.removals.iter().peekable();
    let mut edits = cleaned.edits.iter().peekable();
    let lines = if body.is_empty() && normalized.is_empty() {
        Vec::new()
    } else {
        body.split('\n')
            .enumerate()
            .map(|(i, line)| {
                let number = i + 1;
                let mut own_edits = Vec::new();
                while let Some(e) = edits.next_if(|e| e.line == number) {
                    own_edits.push(e.clone());
                }
                let fate = match removals.next_if(|r| r.line == number) {
                    Some(r) => LineFate::Dropped {
                        zone: r.zone,
                        rule: r.rule,
                        edits: own_edits,
                    },
                    None if line.is_empty() => LineFate::Blank,
                    None if own_edits.is_empty() => LineFate::Kept,
                    None => LineFate::Changed { edits: own_edits },
                };
                ExplainedLine {
                    number,
                    text: line.to_string(),
                    fate,
                }
            })
            .collect()
    };
    Explanation { lines, cleaned }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::RuleSource;

    fn rules() -> RuleSet {
        RuleSet::from_sources(&[RuleSource::new(
            "t.toml",
            "[[header]]\nname = \"t.kicker\"\npattern = '^KICKER$'\n\
             [[inline]]\nname = \"t.dateline\"\npattern = '^HN - '\n\
             [[inline]]\nname = \"t.only\"\npattern = '^ONLY$'\n",
        )])
        .unwrap()
    }

    #[test]
    fn every_line_gets_its_fate() {
        let e = explain(&rules(), "KICKER\r\n\nHN - Lead.\nBody.\nONLY\n", None);
        let fates: Vec<_> = e.lines.iter().map(|l| &l.fate).collect();
        assert_eq!(e.lines.len(), 5);
        assert!(
            matches!(fates[0], LineFate::Dropped { zone: Zone::Header, rule: RuleId(0), edits } if edits.is_empty())
        );
        assert_eq!(fates[1], &LineFate::Blank);
        match fates[2] {
            LineFate::Changed { edits } => {
                assert_eq!(edits.len(), 1);
                assert_eq!(edits[0].before, "HN - Lead.");
                assert_eq!(edits[0].after, "Lead.");
            }
            other => panic!("{other:?}"),
        }
        assert_eq!(fates[3], &LineFate::Kept);
        assert!(
            matches!(fates[4], LineFate::Dropped { zone: Zone::Inline, edits, .. } if edits.len() == 1)
        );
        assert_eq!(e.counts(), (1, 2, 1));
        assert_eq!(e.lines[0].text, "KICKER", "lines are shown normalized");
    }

    #[test]
    fn empty_document_has_no_lines() {
        assert!(explain(&rules(), "", None).lines.is_empty());
        assert_eq!(explain(&rules(), "\n", None).lines.len(), 1);
    }
}

//! The rules of one zone (or footer action), and the search for the first of them (in file order)
//! that matches a line.
//!
//! Most lines of a document (the body) match no rule of a zone. So the patterns of a zone are
//! first combined into one `RegexSet` asked only whether *any* of them matches, in one pass of the
//! lazy DFA; only when one does are the rules tested one by one, in file order (the first match
//! wins), each behind its [`Gate`](crate::gate::Gate). Patterns with Unicode word boundaries (`\b`)
//! stay out of the combined set, since on non-ASCII text they push the whole set onto the slowest
//! regex engine; they are always tested on their own, behind their gates, which are cheap for
//! them as they are anchored.

use regex::{RegexSet, RegexSetBuilder};

use crate::rules::{Rule, RuleId, REGEX_SIZE_LIMIT};

/// Room for the combined set's lazy DFA per thread: the default (a few MiB) is far too small for
/// dozens of Unicode patterns, and a DFA that keeps running out of room falls back to a slow engine.
const COMBINED_DFA_LIMIT: usize = 64 << 20;

#[derive(Debug, Clone)]
pub(crate) struct ZoneSet {
    ids: Vec<RuleId>,
    /// Any-match prefilter over the patterns of `ids` that have no Unicode word boundary.
    combined: Option<RegexSet>,
    /// For each rule of `ids`: true when it is in `combined` (so a line that `combined` does not
    /// match cannot match it).
    in_combined: Vec<bool>,
}

impl ZoneSet {
    /// The rules that `select` picks, in rule order. Fails when their patterns together compile
    /// to more than four times [`REGEX_SIZE_LIMIT`], the bound on one zone.
    pub(crate) fn build(rules: &[Rule], select: impl Fn(&Rule) -> bool) -> Result<ZoneSet, String> {
        let chosen: Vec<usize> = (0..rules.len()).filter(|&i| select(&rules[i])).collect();
        let in_combined: Vec<bool> = chosen
            .iter()
            .map(|&i| !has_unicode_word_boundary(&rules[i].pattern))
            .collect();
        // The zone's size bound is checked on all its patterns together; when every pattern goes
        // into the combined set, building that set below checks it already.
        if in_combined.contains(&false) {
            RegexSetBuilder::new(chosen.iter().map(|&i| rules[i].pattern.as_str()))
                .size_limit(REGEX_SIZE_LIMIT * 4)
                .build()
                .map_err(|e| e.to_string())?;
        }
        let combined_patterns: Vec<&str> = chosen
            .iter()
            .zip(&in_combined)
            .filter(|(_, &inside)| inside)
            .map(|(&i, _)| rules[i].pattern.as_str())
            .collect();
        let combined = if combined_patterns.is_empty() {
            None
        } else {
            Some(
                RegexSetBuilder::new(combined_patterns)
                    .size_limit(REGEX_SIZE_LIMIT * 4)
                    .dfa_size_limit(COMBINED_DFA_LIMIT)
                    .build()
                    .map_err(|e| e.to_string())?,
            )
        };
        Ok(ZoneSet {
            ids: chosen.into_iter().map(|i| RuleId(i as u32)).collect(),
            combined,
            in_combined,
        })
    }

    /// The first rule (in file order) among the active groups whose pattern matches `line`.
    pub(crate) fn first_match(
        &self,
        line: &str,
        rules: &[Rule],
        active: &[bool],
    ) -> Option<RuleId> {
        let any_combined = self.combined.as_ref().is_some_and(|set| set.is_match(line));
        self.ids
            .iter()
            .zip(&self.in_combined)
            .find(|&(id, &inside)| {
                let rule = &rules[id.0 as usize];
                (any_combined || !inside)
                    && active[rule.group]
                    && rule.gate.is_match(&rule.regex, line)
            })
            .map(|(id, _)| *id)
    }

    /// True when the zone has no rules.
    pub(crate) fn is_empty(&self) -> bool {
        self.ids.is_empty()
    }
}

/// True when `pattern` holds a Unicode word boundary (`\b`, `\B` and their kin, outside `(?-u)`).
fn has_unicode_word_boundary(pattern: &str) -> bool {
    regex_syntax::Parser::new()
        .parse(pattern)
        .map_or(true, |hir| {
            hir.properties().look_set().contains_word_unicode()
        })
}

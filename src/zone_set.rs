//! The rules of one zone (or footer action), and the search for the first of them (in file order)
//! that matches a line.
//!
//! Each rule is tested on its own, behind its [`Gate`](crate::gate::Gate), which rules out most
//! lines without running the regex. A combined `RegexSet` would be no faster: it must report every
//! pattern that matches, and Unicode word boundaries (`\b`) on non-ASCII text push it onto the
//! slowest regex engine.

use regex::RegexSetBuilder;

use crate::rules::{Rule, RuleId, REGEX_SIZE_LIMIT};

#[derive(Debug, Clone)]
pub(crate) struct ZoneSet {
    ids: Vec<RuleId>,
}

impl ZoneSet {
    /// The rules that `select` picks, in rule order. Fails when their patterns together compile
    /// to more than four times [`REGEX_SIZE_LIMIT`], the bound on one zone.
    pub(crate) fn build(rules: &[Rule], select: impl Fn(&Rule) -> bool) -> Result<ZoneSet, String> {
        let chosen: Vec<usize> = (0..rules.len()).filter(|&i| select(&rules[i])).collect();
        RegexSetBuilder::new(chosen.iter().map(|&i| rules[i].pattern.as_str()))
            .size_limit(REGEX_SIZE_LIMIT * 4)
            .build()
            .map_err(|e| e.to_string())?;
        Ok(ZoneSet {
            ids: chosen.into_iter().map(|i| RuleId(i as u32)).collect(),
        })
    }

    /// The first rule (in file order) among the active groups whose pattern matches `line`.
    pub(crate) fn first_match(
        &self,
        line: &str,
        rules: &[Rule],
        active: &[bool],
    ) -> Option<RuleId> {
        self.ids.iter().copied().find(|id| {
            let rule = &rules[id.0 as usize];
            active[rule.group] && rule.gate.is_match(&rule.regex, line)
        })
    }

    /// True when the zone has no rules.
    pub(crate) fn is_empty(&self) -> bool {
        self.ids.is_empty()
    }
}

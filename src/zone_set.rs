//! The rules of one zone (or footer action), and the search for the first of them (in file order)
//! that matches a line.
//!
//! Most lines of a document (the body) match no rule of a zone. So the patterns of a zone are
//! first combined into one multi-pattern regex asked only whether *any* of them matches, in one
//! pass of the lazy DFA; only when one does are the rules tested one by one, in file order (the
//! first match wins), each behind its [`Gate`](crate::gate::Gate).
//!
//! The combined regex holds a *relaxed* copy of each pattern (see [`relax`]) that matches every
//! line the pattern matches, and maybe a few more: without Unicode word boundaries, which would
//! push the whole set off the lazy DFA onto the slowest engine on non-ASCII text, and with counted
//! repetitions such as `[\p{L}\d ]{1,40}` opened up, which would otherwise copy a Unicode class
//! dozens of times and make the set slow to compile. A line the relaxed set refuses matches no
//! rule of the zone, so results are those of testing every rule on every line.

use regex_automata::meta;
use regex_automata::nfa::thompson::WhichCaptures;
use regex_syntax::hir::{Hir, HirKind, Look, Repetition};

use crate::rules::{Rule, RuleId, REGEX_SIZE_LIMIT};

/// Room for the combined regex's lazy DFA per thread: the default (a few MiB) is far too small for
/// dozens of Unicode patterns, and a DFA that keeps running out of room falls back to a slow engine.
const COMBINED_DFA_LIMIT: usize = 64 << 20;

#[derive(Debug, Clone)]
pub(crate) struct ZoneSet {
    ids: Vec<RuleId>,
    /// Any-match prefilter over relaxed copies of the patterns of `ids`; `None` when there are none.
    combined: Option<meta::Regex>,
}

impl ZoneSet {
    /// The rules that `select` picks, in rule order. Fails when their relaxed patterns together
    /// compile to more than four times [`REGEX_SIZE_LIMIT`], the bound on one zone (the message
    /// then holds "size limit").
    pub(crate) fn build(rules: &[Rule], select: impl Fn(&Rule) -> bool) -> Result<ZoneSet, String> {
        let chosen: Vec<usize> = (0..rules.len()).filter(|&i| select(&rules[i])).collect();
        let relaxed = chosen
            .iter()
            .map(|&i| {
                regex_syntax::Parser::new()
                    .parse(&rules[i].pattern)
                    .map(|hir| relax(&hir))
                    .map_err(|e| e.to_string())
            })
            .collect::<Result<Vec<Hir>, String>>()?;
        let combined = if relaxed.is_empty() {
            None
        } else {
            let config = meta::Config::new()
                .which_captures(WhichCaptures::None)
                .nfa_size_limit(Some(REGEX_SIZE_LIMIT * 4))
                .hybrid_cache_capacity(COMBINED_DFA_LIMIT);
            let regex = meta::Regex::builder()
                .configure(config)
                .build_many_from_hir(&relaxed)
                .map_err(|e| match e.size_limit() {
                    Some(limit) => format!("size limit of {limit} bytes exceeded"),
                    None => e.to_string(),
                })?;
            Some(regex)
        };
        Ok(ZoneSet {
            ids: chosen.into_iter().map(|i| RuleId(i as u32)).collect(),
            combined,
        })
    }

    /// The first rule (in file order) among the active groups whose pattern matches `line`.
    pub(crate) fn first_match(
        &self,
        line: &str,
        rules: &[Rule],
        active: &[bool],
    ) -> Option<RuleId> {
        if !self.combined.as_ref().is_some_and(|set| set.is_match(line)) {
            return None;
        }
        self.ids
            .iter()
            .find(|id| {
                let rule = &rules[id.0 as usize];
                active[rule.group] && rule.gate.is_match(&rule.regex, line)
            })
            .copied()
    }

    /// The zone's rules, in rule order.
    pub(crate) fn ids(&self) -> &[RuleId] {
        &self.ids
    }

    /// True when the zone has no rules.
    pub(crate) fn is_empty(&self) -> bool {
        self.ids.is_empty()
    }
}

/// A pattern that matches every string `hir` matches (and maybe more) and that the lazy DFA runs
/// fast: Unicode word-boundary assertions become empty, capture groups plain groups, and a counted
/// repetition of three or more (`x{4}`, `x{0,3}`, `x{1,40}`, `x{80,}`) becomes `x*` or `x+`.
/// Repetitions of at most two (`x?`, `x{1,2}`) and unbounded ones stay as they are.
pub(crate) fn relax(hir: &Hir) -> Hir {
    match hir.kind() {
        HirKind::Look(look) if is_unicode_word_look(*look) => Hir::empty(),
        HirKind::Capture(cap) => relax(&cap.sub),
        HirKind::Concat(subs) => Hir::concat(subs.iter().map(relax).collect()),
        HirKind::Alternation(subs) => Hir::alternation(subs.iter().map(relax).collect()),
        HirKind::Repetition(rep) => {
            let sub = Box::new(relax(&rep.sub));
            let counted = rep.max.unwrap_or(rep.min) > 2;
            let (min, max) = match counted {
                true => (rep.min.min(1), None),
                false => (rep.min, rep.max),
            };
            Hir::repetition(Repetition {
                min,
                max,
                greedy: rep.greedy,
                sub,
            })
        }
        _ => hir.clone(),
    }
}

/// True for the word-boundary assertions that look at Unicode word characters.
fn is_unicode_word_look(look: Look) -> bool {
    matches!(
        look,
        Look::WordUnicode
            | Look::WordUnicodeNegate
            | Look::WordStartUnicode
            | Look::WordEndUnicode
            | Look::WordStartHalfUnicode
            | Look::WordEndHalfUnicode
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn relaxed(pattern: &str) -> regex::Regex {
        let hir = regex_syntax::Parser::new().parse(pattern).unwrap();
        regex::Regex::new(&relax(&hir).to_string()).unwrap()
    }

    #[test]
    fn relaxed_patterns_match_at_least_what_the_pattern_matches() {
        let cases: &[(&str, &[&str])] = &[
            (r"(?i)\bfollow\b", &["Follow us", "unfollow", "fóllow"]),
            (r"^[\p{L} ]{1,5}$", &["Hà Nội", "Hà", "Hà Nội Mới"]),
            (r"^\d{4}-(\d{2})$", &["2024-05", "24-5", "20245-555"]),
            (r"^.{3,}x$", &["abcx", "ax", "x"]),
        ];
        for (pattern, lines) in cases {
            let exact = regex::Regex::new(pattern).unwrap();
            let loose = relaxed(pattern);
            for line in *lines {
                if exact.is_match(line) {
                    assert!(loose.is_match(line), "{pattern} on {line:?}");
                }
            }
        }
        assert!(relaxed(r"^[\p{L} ]{1,5}$").is_match("Hà Nội Mới"));
        assert!(!relaxed(r"^\d{4}$").is_match("x"));
    }

    /// Over every seed line and variants of it, each shipped zone finds the same rule as testing
    /// every rule of the zone in order.
    #[test]
    fn shipped_zones_find_the_first_matching_rule() {
        let rules = crate::RuleSet::builtin();
        let active = vec![true; rules.files().len()];
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("seeds");
        let mut lines: Vec<String> = Vec::new();
        for entry in std::fs::read_dir(dir).unwrap() {
            let text = std::fs::read_to_string(entry.unwrap().path()).unwrap();
            for line in crate::normalize::normalize(&text).split('\n') {
                lines.push(line.to_string());
                lines.push(line.to_uppercase());
                lines.push(line.chars().take(25).collect());
                lines.push(format!("Xem thêm: {line}"));
            }
        }
        let zones = [
            &rules.header,
            &rules.sidebar,
            &rules.footer_cut,
            &rules.footer_trailing,
        ];
        for zone in zones {
            for line in &lines {
                let slow = zone
                    .ids
                    .iter()
                    .find(|id| rules.rule(**id).regex.is_match(line))
                    .copied();
                assert_eq!(
                    zone.first_match(line, rules.rules(), &active),
                    slow,
                    "{line:?}"
                );
            }
        }
    }
}

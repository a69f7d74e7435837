//! The rules of one zone (or footer action), and the search for the first of them (in file order)
//! that matches a line.
//!
//! Most lines of a document (the body) match no rule of a zone, so each line first meets two
//! prefilters that say whether *any* rule may match; only when one does are the rules it stands
//! for tested one by one, in file order (the first match wins), each behind its
//! [`Gate`](crate::gate::Gate). Both prefilters work from a *relaxed* copy of each pattern (see
//! [`relax`]) that matches every line the pattern matches, and maybe a few more: without Unicode
//! word boundaries, which would push a set off the lazy DFA onto the slowest engine on non-ASCII
//! text, and with counted repetitions such as `[\p{L}\d ]{1,40}` opened up, which would copy a
//! Unicode class dozens of times and make the set slow to compile.
//!
//! - Branches anchored at the line start that something selective settles within a few words
//!   (`^(?:tin|bài)\s+liên\s+quan$`) go into one multi-pattern regex, whose lazy DFA stops
//!   as soon as no branch can go on.
//! - Branches that would keep the DFA running to the end of most lines (unanchored ones, and
//!   `^\S.{15,}?\s...`) are stood for by the literals every match of them contains, searched
//!   with Aho-Corasick; a branch without such literals goes into the regex after all.
//!
//! A line both prefilters refuse matches no rule of the zone, so results are those of testing
//! every rule on every line.

use aho_corasick::AhoCorasick;
use regex_automata::meta;
use regex_automata::nfa::thompson::WhichCaptures;
use regex_syntax::hir::{Class, Hir, HirKind, Look, Repetition};

use crate::gate::{literal_searcher, required_literals};
use crate::rules::{Rule, RuleId, REGEX_SIZE_LIMIT};

/// Room for the combined regex's lazy DFA per thread: the default (a few MiB) is far too small for
/// dozens of Unicode patterns, and a DFA that keeps running out of room falls back to a slow engine.
const COMBINED_DFA_LIMIT: usize = 64 << 20;

#[derive(Debug, Clone)]
pub(crate) struct ZoneSet {
    ids: Vec<RuleId>,
    /// For each rule of `ids`, which prefilters stand for its branches.
    routes: Vec<Route>,
    /// Any-match prefilter over relaxed copies of the branches of the patterns of `ids` that the
    /// lazy DFA settles within a few words of the line start; `None` when there are none.
    early: Option<meta::Regex>,
}

/// Which prefilters stand for the branches of one rule: a line that passes none of the rule's
/// cannot match it.
#[derive(Debug, Clone, Default)]
struct Route {
    /// Some branch is in the zone's DFA.
    by_dfa: bool,
    /// The literals one of which each other branch (unanchored, or running over the whole line)
    /// contains. Each rule gets its own searcher: a few literals let it skip to their first bytes
    /// with SIMD, where one searcher for a whole zone would have to look at every byte.
    needed: Option<AhoCorasick>,
}

impl ZoneSet {
    /// The rules that `select` picks, in rule order. Fails when their relaxed patterns together
    /// compile to more than four times [`REGEX_SIZE_LIMIT`], the bound on one zone (the message
    /// then holds "size limit").
    pub(crate) fn build(rules: &[Rule], select: impl Fn(&Rule) -> bool) -> Result<ZoneSet, String> {
        let chosen: Vec<usize> = (0..rules.len()).filter(|&i| select(&rules[i])).collect();
        let mut by_dfa: Vec<Hir> = Vec::new();
        let mut routes = Vec::with_capacity(chosen.len());
        for &i in &chosen {
            let mut route = Route::default();
            let mut literals: Vec<Vec<u8>> = Vec::new();
            let hir = regex_syntax::Parser::new()
                .parse(&rules[i].pattern)
                .map_err(|e| e.to_string())?;
            let relaxed = relax(&hir);
            let branches = match relaxed.kind() {
                HirKind::Alternation(subs) => subs.clone(),
                _ => vec![relaxed],
            };
            for branch in branches {
                match scans_lines(&branch).then(|| required_literals(&branch)) {
                    Some(Some(needed)) => literals.extend(needed),
                    _ => {
                        by_dfa.push(branch);
                        route.by_dfa = true;
                    }
                }
            }
            if !literals.is_empty() {
                route.needed = Some(literal_searcher(literals)?);
            }
            routes.push(route);
        }
        let early = if by_dfa.is_empty() {
            None
        } else {
            let config = meta::Config::new()
                .which_captures(WhichCaptures::None)
                .nfa_size_limit(Some(REGEX_SIZE_LIMIT * 4))
                .hybrid_cache_capacity(COMBINED_DFA_LIMIT);
            let regex = meta::Regex::builder()
                .configure(config)
                .build_many_from_hir(&by_dfa)
                .map_err(|e| match e.size_limit() {
                    Some(limit) => format!("size limit of {limit} bytes exceeded"),
                    None => e.to_string(),
                })?;
            Some(regex)
        };
        Ok(ZoneSet {
            ids: chosen.into_iter().map(|i| RuleId(i as u32)).collect(),
            routes,
            early,
        })
    }

    /// The first rule (in file order) among the active groups whose pattern matches `line`.
    pub(crate) fn first_match(
        &self,
        line: &str,
        rules: &[Rule],
        active: &[bool],
    ) -> Option<RuleId> {
        let by_dfa = self.early.as_ref().is_some_and(|set| set.is_match(line));
        self.ids
            .iter()
            .zip(&self.routes)
            .find(|(id, route)| {
                let rule = &rules[id.0 as usize];
                ((by_dfa && route.by_dfa)
                    || route
                        .needed
                        .as_ref()
                        .is_some_and(|lits| lits.is_match(line)))
                    && active[rule.group]
                    && rule.gate.is_match(&rule.regex, line)
            })
            .map(|(id, _)| *id)
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

/// True when the lazy DFA may have to run over most of a line to settle `branch`: it is not
/// anchored at the line start, or, before anything selective (a literal, a small class), it
/// repeats without bound a class that holds the space and hundreds of other characters (`.`,
/// `[^.!?]`), so that it runs across the words of any line (`^\S.{15,}?\s...`).
fn scans_lines(branch: &Hir) -> bool {
    if !branch.properties().look_set_prefix().contains(Look::Start) {
        return true;
    }
    let parts = match branch.kind() {
        HirKind::Concat(subs) => subs.as_slice(),
        _ => std::slice::from_ref(branch),
    };
    for part in parts {
        match part.kind() {
            HirKind::Look(_) => {}
            HirKind::Repetition(rep) if rep.max.is_none() && is_broad_class(&rep.sub) => {
                return true
            }
            HirKind::Repetition(rep) if is_large_class(&rep.sub) => {}
            _ if is_large_class(part) => {}
            _ => return false,
        }
    }
    false
}

/// True for a class of more than 256 characters (`\S`, `\p{Lu}`, `.`).
fn is_large_class(hir: &Hir) -> bool {
    match hir.kind() {
        HirKind::Class(Class::Unicode(cls)) => {
            cls.ranges().iter().map(|r| r.len() as u32).sum::<u32>() > 256
        }
        HirKind::Class(Class::Bytes(cls)) => {
            cls.ranges().iter().map(|r| r.len()).sum::<usize>() > 128
        }
        _ => false,
    }
}

/// True for a class holding the space and more than 256 characters.
fn is_broad_class(hir: &Hir) -> bool {
    match hir.kind() {
        HirKind::Class(Class::Unicode(cls)) => {
            let size: u32 = cls.ranges().iter().map(|r| r.len() as u32).sum();
            size > 256
                && cls
                    .ranges()
                    .iter()
                    .any(|r| r.start() <= ' ' && ' ' <= r.end())
        }
        HirKind::Class(Class::Bytes(cls)) => {
            let size: usize = cls.ranges().iter().map(|r| r.len()).sum();
            size > 128
                && cls
                    .ranges()
                    .iter()
                    .any(|r| r.start() <= b' ' && b' ' <= r.end())
        }
        _ => false,
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
        let lines = crate::seed_line_variants();
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

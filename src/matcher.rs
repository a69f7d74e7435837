//! A rule's pattern compiled for the one question the zones ask of it: does it match this line?
//!
//! `regex::Regex` builds, for every pattern, a forward and a reverse automaton and the engines
//! that report where a match starts and what its groups captured. Line rules never need any of
//! that; only inline rules cut text out, and they keep a `Regex` for it. Building the forward
//! automaton alone, without capture states, halves the cost of compiling the rules, which every
//! run pays before its first document. A line is searched by a lazy DFA; where the DFA cannot
//! decide (a Unicode word boundary next to non-ASCII text), the bounded backtracker, or the PikeVM
//! for long lines, decides over the same automaton. The answers are those of `Regex::is_match`.

use std::panic::{RefUnwindSafe, UnwindSafe};
use std::sync::Arc;

use regex_automata::hybrid::dfa::{self, DFA};
use regex_automata::nfa::thompson::backtrack::{self, BoundedBacktracker};
use regex_automata::nfa::thompson::pikevm::{self, PikeVM};
use regex_automata::nfa::thompson::{WhichCaptures, NFA};
use regex_automata::util::pool::Pool;
use regex_automata::Input;
use regex_syntax::hir::Hir;

/// The search state of one thread.
type Caches = (dfa::Cache, backtrack::Cache, pikevm::Cache);
type MakeCaches = Box<dyn Fn() -> Caches + Send + Sync + UnwindSafe + RefUnwindSafe>;

/// A compiled pattern that tells whether it matches a line; cheap to clone.
#[derive(Clone)]
pub(crate) struct LineMatcher(Arc<Engines>);

struct Engines {
    dfa: DFA,
    backtrack: BoundedBacktracker,
    pikevm: PikeVM,
    caches: Pool<Caches, MakeCaches>,
}

impl std::fmt::Debug for LineMatcher {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("LineMatcher")
    }
}

impl LineMatcher {
    /// Compiles `pattern` with the syntax of the `regex` crate. Fails as `Regex::new` would: on a
    /// syntax error, with the same message, or when the automaton outgrows `size_limit` bytes.
    pub(crate) fn new(pattern: &str, size_limit: usize) -> Result<LineMatcher, regex::Error> {
        LineMatcher::any_of(&[parse(pattern)?], size_limit, None)
    }

    /// A matcher for lines that match any of `patterns`, their automaton limited to `size_limit`
    /// bytes and the lazy DFA's room per thread to `dfa_room` (a default when `None`).
    pub(crate) fn any_of(
        patterns: &[Hir],
        size_limit: usize,
        dfa_room: Option<usize>,
    ) -> Result<LineMatcher, regex::Error> {
        let nfa = NFA::compiler()
            .configure(
                NFA::config()
                    .which_captures(WhichCaptures::None)
                    .nfa_size_limit(Some(size_limit)),
            )
            .build_many_from_hir(patterns)
            .map_err(|e| match e.size_limit() {
                Some(limit) => regex::Error::CompiledTooBig(limit),
                None => regex::Error::Syntax(e.to_string()),
            })?;
        let mut config = DFA::config().unicode_word_boundary(true);
        if let Some(room) = dfa_room {
            config = config.cache_capacity(room);
        }
        let built = || -> Result<_, String> {
            let dfa = DFA::builder()
                .configure(config)
                .build_from_nfa(nfa.clone())
                .map_err(|e| e.to_string())?;
            let backtrack =
                BoundedBacktracker::new_from_nfa(nfa.clone()).map_err(|e| e.to_string())?;
            let pikevm = PikeVM::new_from_nfa(nfa.clone()).map_err(|e| e.to_string())?;
            Ok((dfa, backtrack, pikevm))
        };
        let (dfa, backtrack, pikevm) = built().map_err(regex::Error::Syntax)?;
        let make: MakeCaches = {
            let (d, b, p) = (dfa.clone(), backtrack.clone(), pikevm.clone());
            Box::new(move || (d.create_cache(), b.create_cache(), p.create_cache()))
        };
        Ok(LineMatcher(Arc::new(Engines {
            dfa,
            backtrack,
            pikevm,
            caches: Pool::new(make),
        })))
    }

    /// True when the pattern matches somewhere in `line`.
    pub(crate) fn is_match(&self, line: &str) -> bool {
        let e = &*self.0;
        let input = Input::new(line).earliest(true);
        let mut caches = e.caches.get();
        let (dfa_cache, backtrack_cache, pikevm_cache) = &mut *caches;
        if let Ok(found) = e.dfa.try_search_fwd(dfa_cache, &input) {
            return found.is_some();
        }
        if line.len() <= e.backtrack.max_haystack_len() {
            if let Ok(found) = e.backtrack.try_is_match(backtrack_cache, input.clone()) {
                return found;
            }
        }
        e.pikevm.is_match(pikevm_cache, input)
    }
}

/// The syntax tree of `pattern`, parsed as the `regex` crate parses it, or its syntax error as
/// `regex::Regex::new` reports it.
pub(crate) fn parse(pattern: &str) -> Result<Hir, regex::Error> {
    regex_syntax::Parser::new()
        .parse(pattern)
        .map_err(|e| regex::Error::Syntax(e.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn agrees(pattern: &str, lines: &[String]) {
        let matcher = LineMatcher::new(pattern, 1 << 24).unwrap();
        let regex = regex::Regex::new(pattern).unwrap();
        for line in lines {
            assert_eq!(
                matcher.is_match(line),
                regex.is_match(line),
                "{pattern} on {line:?}"
            );
        }
    }

    #[test]
    fn word_boundaries_next_to_non_ascii_text_are_decided() {
        let lines: Vec<String> = ["Theo báo Tuổi Trẻ", "theoTuổi", "Theo", "xtheo y", "ôtheo"]
            .iter()
            .map(|s| s.to_string())
            .collect();
        agrees(r"(?i)\btheo\b", &lines);
        agrees(r"\Btheo", &lines);
        // Longer than the bounded backtracker takes: the PikeVM decides.
        let long = format!("{} theo {}", "ô".repeat(400_000), "ô".repeat(10));
        agrees(r"(?i)\btheo\b\s+ô", &[long]);
    }

    #[test]
    fn shipped_patterns_agree_with_regex_on_seed_lines() {
        let rules = crate::RuleSet::builtin();
        let lines = crate::seed_line_variants();
        for rule in rules.rules().iter().filter(|r| !r.pattern.is_empty()) {
            agrees(&rule.pattern, &lines);
        }
    }

    #[test]
    fn errors_are_those_of_regex() {
        let syntax = LineMatcher::new("(unclosed", 1 << 20).unwrap_err();
        assert_eq!(
            syntax.to_string(),
            regex::Regex::new(&"(unclosed".to_string())
                .unwrap_err()
                .to_string()
        );
        let big = LineMatcher::new(r"\w{1000}", 1 << 16).unwrap_err();
        assert!(matches!(big, regex::Error::CompiledTooBig(limit) if limit == 1 << 16));
    }
}

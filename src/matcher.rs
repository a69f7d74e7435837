//! A rule's pattern compiled for the one question the zones ask of it: does it match this line?
//! And a zone's prefilter, compiled for the question it asks of many patterns at once: which of
//! them match this line?
//!
//! `regex::Regex` builds, for every pattern, a forward and a reverse automaton and the engines
//! that report where a match starts and what its groups captured. Line rules never need any of
//! that; only inline rules cut text out, and they keep a `Regex` for it. Building the forward
//! automaton alone, without capture states, halves the cost of compiling the rules, which every
//! run pays before its first document. A line is searched by a lazy DFA; where the DFA cannot
//! decide (a Unicode word boundary next to non-ASCII text), the bounded backtracker, or the PikeVM
//! for long lines, decides over the same automaton. The answers are those of `Regex::is_match`
//! (for a set, those of `RegexSet::matches`).
//!
//! Most rules are asked about a line only when a zone's prefilter lets it through, and on a
//! given corpus many never are; yet building their automata was most of the cost of starting a
//! run. So a pattern whose automaton is sure to stay well within its size limit (see
//! [`nfa_bound`]) is built on first use instead, and only patterns that might outgrow it are
//! built at once, so that a rule file's "too large" error is still reported when it is loaded.

use std::collections::HashMap;
use std::panic::{RefUnwindSafe, UnwindSafe};
use std::sync::{Arc, Mutex, OnceLock};

use regex_automata::hybrid::dfa::{self, DFA};
use regex_automata::hybrid::LazyStateID;
use regex_automata::nfa::thompson::backtrack::{self, BoundedBacktracker};
use regex_automata::nfa::thompson::pikevm::{self, PikeVM};
use regex_automata::nfa::thompson::{State, WhichCaptures, NFA};
use regex_automata::util::pool::Pool;
use regex_automata::{Anchored, Input, MatchKind, PatternSet};
use regex_syntax::hir::{Class, ClassUnicode, Hir, HirKind};
use regex_syntax::utf8::Utf8Sequences;

/// The search state of one thread.
type Caches = (Option<dfa::Cache>, backtrack::Cache, pikevm::Cache);
type MakeCaches = Box<dyn Fn() -> Caches + Send + Sync + UnwindSafe + RefUnwindSafe>;

/// A compiled pattern that tells whether it matches a line, or a set of patterns that tells which
/// of them do; cheap to clone.
#[derive(Clone)]
pub(crate) struct LineMatcher(Arc<Compiled>);

struct Compiled {
    /// What the engines are built from (on first use, when they are sure to fit); always kept,
    /// as [`crate::rules::Rule::hir`] reads a rule's tree from here.
    patterns: Vec<Hir>,
    size_limit: usize,
    dfa_room: Option<usize>,
    /// `LeftmostFirst` for [`LineMatcher::is_match`]; `All` for [`LineMatcher::which_match`],
    /// whose automaton must keep every pattern's matches.
    kind: MatchKind,
    /// The lazy DFA reads lines backwards from their end, anchored there (see
    /// [`LineMatcher::set_of_line_ends`]).
    backwards: bool,
    engines: OnceLock<Engines>,
}

/// Which patterns of a set match a line: bit `i` stands for pattern `i` when `i` is below 127,
/// and bit 127 for all the others together (a set seldom has that many).
pub(crate) type PatternBits = u128;

/// What builds a set of patterns: [`LineMatcher::set_of`] or [`LineMatcher::set_of_line_ends`].
pub(crate) type MakeSet = fn(Vec<Hir>, usize, Option<usize>) -> Result<LineMatcher, regex::Error>;

/// The bit of [`PatternBits`] that stands for pattern `index`.
pub(crate) fn pattern_bit(index: usize) -> PatternBits {
    1 << index.min(127)
}

struct Engines {
    dfa: Option<DFA>,
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
    #[cfg(test)]
    pub(crate) fn new(pattern: &str, size_limit: usize) -> Result<LineMatcher, regex::Error> {
        LineMatcher::any_of(vec![parse(pattern)?], size_limit, None)
    }

    /// A matcher for lines that match any of `patterns`, their automaton limited to `size_limit`
    /// bytes and the lazy DFA's room per thread to `dfa_room` (a default when `None`).
    pub(crate) fn any_of(
        patterns: Vec<Hir>,
        size_limit: usize,
        dfa_room: Option<usize>,
    ) -> Result<LineMatcher, regex::Error> {
        LineMatcher::build(
            patterns,
            size_limit,
            dfa_room,
            MatchKind::LeftmostFirst,
            false,
        )
    }

    /// A matcher that tells which of `patterns` match a line ([`LineMatcher::which_match`]);
    /// limits as for [`LineMatcher::any_of`].
    pub(crate) fn set_of(
        patterns: Vec<Hir>,
        size_limit: usize,
        dfa_room: Option<usize>,
    ) -> Result<LineMatcher, regex::Error> {
        LineMatcher::build(patterns, size_limit, dfa_room, MatchKind::All, false)
    }

    /// A matcher that tells which of `patterns` match a line *at its end*, for patterns anchored
    /// there (`...\)$`), where the answer is the same. Its lazy DFA reads each line backwards from
    /// the end and stops as soon as no pattern can match: on most lines after a byte or two,
    /// where a forward search would read the whole line. Limits as for [`LineMatcher::any_of`].
    pub(crate) fn set_of_line_ends(
        patterns: Vec<Hir>,
        size_limit: usize,
        dfa_room: Option<usize>,
    ) -> Result<LineMatcher, regex::Error> {
        LineMatcher::build(patterns, size_limit, dfa_room, MatchKind::All, true)
    }

    fn build(
        patterns: Vec<Hir>,
        size_limit: usize,
        dfa_room: Option<usize>,
        kind: MatchKind,
        backwards: bool,
    ) -> Result<LineMatcher, regex::Error> {
        let bound = patterns
            .iter()
            .map(nfa_bound)
            .fold(0, usize::saturating_add);
        // Sure to fit: left for first use. Otherwise built now, so that a pattern too large is
        // refused here.
        let fits = bound <= size_limit;
        let engines = match fits {
            true => OnceLock::new(),
            false => OnceLock::from(Engines::build(
                &patterns, size_limit, dfa_room, kind, backwards,
            )?),
        };
        Ok(LineMatcher(Arc::new(Compiled {
            patterns,
            size_limit,
            dfa_room,
            kind,
            backwards,
            engines,
        })))
    }

    /// The syntax trees of the patterns, as given.
    pub(crate) fn patterns(&self) -> &[Hir] {
        &self.0.patterns
    }

    /// The engines, built now if this is the first use.
    fn engines(&self) -> &Engines {
        let c = &*self.0;
        c.engines.get_or_init(|| {
            // `nfa_bound` keeps every pattern built here far within its limits; the tests check
            // the bound against the compiler on the shipped rules and on generated patterns.
            Engines::build(&c.patterns, c.size_limit, c.dfa_room, c.kind, c.backwards)
                .unwrap_or_else(|e| panic!("a pattern bounded to fit failed to build: {e}"))
        })
    }

    /// True when the pattern matches somewhere in `line`.
    pub(crate) fn is_match(&self, line: &str) -> bool {
        debug_assert!(!self.0.backwards);
        let e = self.engines();
        let input = Input::new(line).earliest(true);
        let mut caches = e.caches.get();
        let (dfa_cache, backtrack_cache, pikevm_cache) = &mut *caches;
        if let (Some(dfa), Some(dfa_cache)) = (&e.dfa, dfa_cache) {
            if let Ok(found) = dfa.try_search_fwd(dfa_cache, &input) {
                return found.is_some();
            }
        }
        if line.len() <= e.backtrack.max_haystack_len() {
            if let Ok(found) = e.backtrack.try_is_match(backtrack_cache, input.clone()) {
                return found;
            }
        }
        e.pikevm.is_match(pikevm_cache, input)
    }

    /// The patterns (of a matcher made by [`LineMatcher::set_of`]) that match somewhere in
    /// `line`. One pass of the lazy DFA answers for all of them: it reads on until no pattern can
    /// match any more, gathering the patterns of every match state it passes.
    pub(crate) fn which_match(&self, line: &str) -> PatternBits {
        debug_assert_eq!(self.0.kind, MatchKind::All);
        let e = self.engines();
        let mut caches = e.caches.get();
        let (dfa_cache, _, pikevm_cache) = &mut *caches;
        if let (Some(dfa), Some(dfa_cache)) = (&e.dfa, dfa_cache) {
            if let Some(found) = dfa_which_match(dfa, dfa_cache, line, self.0.backwards) {
                return found;
            }
        }
        // There is no DFA (its room was too small to build one in), or it stopped at a byte it
        // cannot decide on (none here, as zones give it no Unicode word boundary): the PikeVM
        // answers, searching forwards (its automaton is always the forward one).
        let mut found = PatternSet::new(e.pikevm.pattern_len());
        e.pikevm
            .which_overlapping_matches(pikevm_cache, &Input::new(line), &mut found);
        found
            .iter()
            .fold(0, |bits, p| bits | pattern_bit(p.as_usize()))
    }
}

/// [`LineMatcher::which_match`] by the lazy DFA alone; `None` when it cannot decide (a quit byte,
/// or no start state for the line). A DFA of reversed patterns reads `line` from its last byte
/// back, anchored at the end.
fn dfa_which_match(
    dfa: &DFA,
    cache: &mut dfa::Cache,
    line: &str,
    backwards: bool,
) -> Option<PatternBits> {
    let bytes = line.as_bytes();
    match backwards {
        false => {
            let sid = dfa.start_state_forward(cache, &Input::new(line)).ok()?;
            gather_matches(dfa, cache, sid, bytes.iter())
        }
        true => {
            let input = Input::new(line).anchored(Anchored::Yes);
            let sid = dfa.start_state_reverse(cache, &input).ok()?;
            gather_matches(dfa, cache, sid, bytes.iter().rev())
        }
    }
}

/// Runs the lazy DFA from `sid` over `bytes` until no pattern can match any more, gathering the
/// patterns of every match state it passes.
fn gather_matches<'a>(
    dfa: &DFA,
    cache: &mut dfa::Cache,
    mut sid: LazyStateID,
    bytes: impl Iterator<Item = &'a u8>,
) -> Option<PatternBits> {
    let patterns_of = |sid: LazyStateID, cache: &dfa::Cache| {
        (0..dfa.match_len(cache, sid)).fold(0, |bits, i| {
            bits | pattern_bit(dfa.match_pattern(cache, sid, i).as_usize())
        })
    };
    let mut found = 0;
    // The match state last read, as the DFA may stay in one over the rest of the line; with the
    // count of cache clears then, as a clear gives state ids new meanings.
    let mut gathered = None;
    for &byte in bytes {
        sid = dfa.next_state(cache, sid, byte).ok()?;
        if sid.is_tagged() {
            if sid.is_dead() {
                return Some(found);
            } else if sid.is_quit() {
                return None;
            } else if sid.is_match() && gathered != Some((sid, cache.clear_count())) {
                gathered = Some((sid, cache.clear_count()));
                found |= patterns_of(sid, cache);
            }
        }
    }
    sid = dfa.next_eoi_state(cache, sid).ok()?;
    if sid.is_match() {
        found |= patterns_of(sid, cache);
    }
    Some(found)
}

/// The Thompson automaton of `patterns`, reversed when `backwards`.
fn compile_nfa(patterns: &[Hir], size_limit: usize, backwards: bool) -> Result<NFA, regex::Error> {
    NFA::compiler()
        .configure(
            NFA::config()
                .which_captures(WhichCaptures::None)
                .nfa_size_limit(Some(size_limit))
                .reverse(backwards),
        )
        .build_many_from_hir(patterns)
        .map_err(|e| match e.size_limit() {
            Some(limit) => regex::Error::CompiledTooBig(limit),
            None => regex::Error::Syntax(e.to_string()),
        })
}

impl Engines {
    fn build(
        patterns: &[Hir],
        size_limit: usize,
        dfa_room: Option<usize>,
        kind: MatchKind,
        backwards: bool,
    ) -> Result<Engines, regex::Error> {
        let nfa = compile_nfa(patterns, size_limit, false)?;
        // The lazy DFA of a set read backwards runs on the reversed automaton; the other engines
        // always search forwards.
        let dfa_nfa = match backwards {
            true => compile_nfa(patterns, size_limit, true)?,
            false => nfa.clone(),
        };
        let mut config = DFA::config().unicode_word_boundary(true).match_kind(kind);
        if let Some(room) = dfa_room {
            config = config.cache_capacity(room);
        }
        // The lazy DFA needs room for the bookkeeping of every state of a large automaton; when
        // its room is too small for that, the other two engines answer alone.
        let dfa = DFA::builder()
            .configure(config)
            .build_from_nfa(dfa_nfa)
            .ok();
        let others = || -> Result<_, String> {
            let backtrack =
                BoundedBacktracker::new_from_nfa(nfa.clone()).map_err(|e| e.to_string())?;
            let pikevm = PikeVM::builder()
                .configure(PikeVM::config().match_kind(kind))
                .build_from_nfa(nfa.clone())
                .map_err(|e| e.to_string())?;
            Ok((backtrack, pikevm))
        };
        let (backtrack, pikevm) = others().map_err(regex::Error::Syntax)?;
        let make: MakeCaches = {
            let (d, b, p) = (dfa.clone(), backtrack.clone(), pikevm.clone());
            Box::new(move || {
                (
                    d.as_ref().map(DFA::create_cache),
                    b.create_cache(),
                    p.create_cache(),
                )
            })
        };
        Ok(Engines {
            dfa,
            backtrack,
            pikevm,
            caches: Pool::new(make),
        })
    }
}

/// A Unicode class of more ranges than this (`\w`, `\p{L}`, `\d`: hundreds) compiles to a large
/// automaton, most of it for characters beyond ASCII: [`nfa_bound`] measures such a class once,
/// and a zone's prefilter loosens it ([`crate::zone_set::relax`]).
pub(crate) const MANY_RANGES: usize = 16;

/// An upper bound, in bytes, on the size the Thompson compiler gives `hir` as a pattern of its
/// own (the measure its size limit is checked against): every state counted at 48 bytes and
/// every transition at 16, more than either takes, and every copy a counted repetition makes
/// counted in full. Working it out reads each class once, where the compiler builds the UTF-8
/// automaton of a class once per copy (`.{0,200}` is 200 of them).
pub(crate) fn nfa_bound(hir: &Hir) -> usize {
    // (states, transitions) of the fragment for `hir`, saturating.
    fn size(hir: &Hir) -> (usize, usize) {
        let add = |a: (usize, usize), b: (usize, usize)| {
            (a.0.saturating_add(b.0), a.1.saturating_add(b.1))
        };
        match hir.kind() {
            HirKind::Empty | HirKind::Look(_) => (2, 1),
            HirKind::Literal(lit) => (lit.0.len() + 1, lit.0.len() + 1),
            HirKind::Class(Class::Bytes(cls)) => (2, cls.ranges().len() + 1),
            HirKind::Class(Class::Unicode(cls)) if cls.ranges().len() <= MANY_RANGES => {
                // Each byte range of each UTF-8 sequence becomes at most a state of its own.
                // An ASCII range is one byte range; only the others are worth splitting.
                let ranges: usize = cls
                    .ranges()
                    .iter()
                    .map(|r| match r.end().is_ascii() {
                        true => 1,
                        false => Utf8Sequences::new(r.start(), r.end())
                            .map(|seq| seq.as_slice().len())
                            .sum(),
                    })
                    .sum();
                (ranges + 4, ranges + 4)
            }
            HirKind::Class(Class::Unicode(cls)) => large_class_size(cls),
            HirKind::Capture(cap) => add(size(&cap.sub), (2, 2)),
            HirKind::Repetition(rep) => {
                let copies = rep.max.unwrap_or(rep.min).max(rep.min).saturating_add(1) as usize;
                let (states, transitions) = add(size(&rep.sub), (3, 3));
                (
                    states.saturating_mul(copies),
                    transitions.saturating_mul(copies),
                )
            }
            HirKind::Concat(subs) | HirKind::Alternation(subs) => {
                subs.iter().map(size).fold((2, subs.len() + 2), add)
            }
        }
    }
    // A pattern's own states: its start, its match, and the unanchored prefix `(?s-u:.)*?`.
    let (states, transitions) = size(hir);
    let states = states.saturating_add(16);
    let transitions = transitions.saturating_add(16);
    states
        .saturating_mul(48)
        .saturating_add(transitions.saturating_mul(16))
}

/// (states, transitions) of the UTF-8 automaton of a large class. Such a class shares most of its
/// automaton between its ranges, so a bound per range would be far too loose: the class is
/// compiled once, alone, and remembered, as the same few (`\p{L}`, `\w`, `.`) recur in every
/// rule file.
fn large_class_size(cls: &ClassUnicode) -> (usize, usize) {
    // Keys are hundreds of ranges long: a fast hash, not SipHash, as nothing here is untrusted.
    type Sizes = HashMap<Vec<(char, char)>, (usize, usize), foldhash::fast::FixedState>;
    static SIZES: OnceLock<Mutex<Sizes>> = OnceLock::new();
    let key: Vec<(char, char)> = cls.ranges().iter().map(|r| (r.start(), r.end())).collect();
    let mut sizes = SIZES
        .get_or_init(Mutex::default)
        .lock()
        .unwrap_or_else(|e| e.into_inner());
    *sizes.entry(key).or_insert_with(|| {
        let whole = Hir::class(Class::Unicode(cls.clone()));
        match NFA::compiler()
            .configure(NFA::config().which_captures(WhichCaptures::None))
            .build_from_hir(&whole)
        {
            Ok(nfa) => {
                let transitions: usize = nfa
                    .states()
                    .iter()
                    .map(|state| match state {
                        State::Sparse(sparse) => sparse.transitions.len(),
                        State::Dense(_) => 256,
                        State::Union { alternates } => alternates.len(),
                        State::BinaryUnion { .. } => 2,
                        _ => 1,
                    })
                    .sum();
                (nfa.states().len() + 4, transitions + 4)
            }
            Err(_) => (usize::MAX, usize::MAX),
        }
    })
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
    use regex_syntax::hir::Look;

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

    /// Each pattern parsed for a set, and compiled by the `regex` crate on its own.
    fn set_and_regexes(patterns: &[&str]) -> (Vec<Hir>, Vec<regex::Regex>) {
        let hirs = patterns.iter().map(|p| parse(p).unwrap()).collect();
        let regexes = patterns
            .iter()
            .map(|p| regex::Regex::new(p).unwrap())
            .collect();
        (hirs, regexes)
    }

    /// The bits of the patterns whose own regex matches `line`.
    fn bits_of_matching(regexes: &[regex::Regex], line: &str) -> PatternBits {
        regexes
            .iter()
            .enumerate()
            .filter(|(_, re)| re.is_match(line))
            .fold(0, |bits, (i, _)| bits | pattern_bit(i))
    }

    #[test]
    fn a_set_names_every_pattern_that_matches_somewhere() {
        let patterns = [
            r"^tin\s+liên\s+quan",
            r"^Theo\s.*$",
            r"(?i)^(?:đọc|xem)\s+thêm:?$",
            r"\(\d+:\d+\)$",
            r"^.{0,10}$",
            r"^Theo",
        ];
        let lines = [
            "tin liên quan",
            "Theo VnExpress",
            "Theo",
            "ĐỌC THÊM:",
            "- Bão số 3 đổ bộ (19:43)",
            "Một đoạn văn dài không khớp mẫu nào.",
            "",
        ];
        set_names_what_regexes_match(&patterns, &lines, LineMatcher::set_of);
        // Patterns past the 127th share the last bit.
        assert_eq!(pattern_bit(126), 1 << 126);
        assert_eq!(pattern_bit(127), pattern_bit(500));
        let many: Vec<Hir> = (0..200)
            .map(|i| parse(&format!("^w{i}$")).unwrap())
            .collect();
        let set = LineMatcher::set_of(many, 1 << 24, None).unwrap();
        assert_eq!(set.which_match("w5"), 1 << 5);
        assert_eq!(set.which_match("w126"), 1 << 126);
        assert_eq!(set.which_match("w127"), 1 << 127);
        assert_eq!(set.which_match("w199"), 1 << 127);
        assert_eq!(set.which_match("w200"), 0);
    }

    #[test]
    fn a_set_read_backwards_names_every_pattern_that_matches_at_the_line_end() {
        let patterns = [
            r"\(\s*(?i:ap\s+)?photo\s*/[^()]{1,80}\)$",
            r"[.!?]\s+Getty(?:\s+Images)?$",
            r"^Theo\s.*$",
            r"(?i)^(?:đọc|xem)\s+thêm:?$",
            r"\(\d+:\d+\)$",
            r"^.{0,10}$",
            r"\bAP$",
        ];
        let lines = [
            "Traders on the floor. (AP Photo/Jane Smith, File)",
            "(Photo/Jane) and more (AP Photo/Jane Smith)",
            "Traders on the floor. (AP Photo/Jane Smith) today",
            "A woman holds a sign. Getty Images",
            "Theo VnExpress",
            "ĐỌC THÊM:",
            "- Bão số 3 đổ bộ (19:43)",
            "Một đoạn văn dài không khớp mẫu nào.",
            "Hà Nội AP",
            "Hà NộiAP",
            "",
        ];
        // The DFA gives up at the word boundary next to "ộ": the PikeVM answers.
        set_names_what_regexes_match(&patterns, &lines, LineMatcher::set_of_line_ends);
    }

    /// The set `make` builds of `patterns` names, on each of `lines`, the patterns whose own
    /// regex matches it: by the lazy DFA, and by the PikeVM when the DFA has no room to start in.
    fn set_names_what_regexes_match(patterns: &[&str], lines: &[&str], make: MakeSet) {
        let (hirs, regexes) = set_and_regexes(patterns);
        for room in [None, Some(1)] {
            let set = make(hirs.clone(), 1 << 24, room).unwrap();
            assert_eq!(set.engines().dfa.is_some(), room.is_none());
            for line in lines {
                let want = bits_of_matching(&regexes, line);
                assert_eq!(set.which_match(line), want, "{line:?} (room {room:?})");
            }
        }
    }

    #[test]
    fn a_set_whose_dfa_keeps_clearing_its_cache_names_every_pattern_that_matches() {
        let rules = crate::RuleSet::builtin();
        let patterns: Vec<&str> = rules
            .rules()
            .iter()
            .map(|r| r.pattern.as_str())
            .filter(|p| !p.is_empty() && !p.contains(r"\b"))
            .collect();
        let (hirs, regexes) = set_and_regexes(&patterns);
        // The same for a set read backwards, of the patterns anchored at the line end.
        let ending: Vec<&str> = patterns
            .iter()
            .copied()
            .filter(|p| {
                parse(p)
                    .unwrap()
                    .properties()
                    .look_set_suffix()
                    .contains(Look::End)
            })
            .collect();
        assert!(ending.len() > 50, "{}", ending.len());
        let (ending_hirs, ending_regexes) = set_and_regexes(&ending);
        check_clearing_set(&hirs, &regexes, LineMatcher::set_of);
        check_clearing_set(&ending_hirs, &ending_regexes, LineMatcher::set_of_line_ends);
    }

    /// The set `make` builds of `hirs`, in about the smallest room its DFA can be built in, names
    /// the patterns whose `regexes` match each seed line and variants of it, and clears its cache
    /// on the way.
    fn check_clearing_set(hirs: &[Hir], regexes: &[regex::Regex], make: MakeSet) {
        // About the smallest room the DFA can be built in (a power of two, then halved in
        // steps down to 1 KiB), so that its room fills up again and again.
        let builds = |room: usize| {
            let set = make(hirs.to_vec(), 1 << 26, Some(room)).unwrap();
            set.engines().dfa.is_some().then_some(set)
        };
        let k = (10..32).find(|&k| builds(1 << k).is_some()).unwrap();
        let (mut fails, mut fits) = (1usize << (k - 1), 1usize << k);
        while fits - fails > 1 << 10 {
            let mid = (fails + fits) / 2;
            match builds(mid) {
                Some(_) => fits = mid,
                None => fails = mid,
            }
        }
        let set = builds(fits).unwrap();
        // The seed lines, and the same words in other orders and cases, so that the DFA meets
        // more states than its room holds.
        let mut lines = crate::seed_line_variants();
        for line in lines.clone() {
            let mut words: Vec<&str> = line.split(' ').collect();
            for cut in [3, 7] {
                lines.push(words[cut.min(words.len())..].join(" "));
            }
            words.reverse();
            lines.push(words.join(" "));
            lines.push(line.to_lowercase());
        }
        for line in &lines {
            let want = bits_of_matching(regexes, line);
            assert_eq!(set.which_match(line), want, "{line:?}");
        }
        let caches = set.engines().caches.get();
        let clears = caches.0.as_ref().map_or(0, |cache| cache.clear_count());
        assert!(clears > 0, "the DFA never cleared its cache");
    }

    #[test]
    fn shipped_patterns_agree_with_regex_on_seed_lines() {
        let rules = crate::RuleSet::builtin();
        let lines = crate::seed_line_variants();
        for rule in rules.rules().iter().filter(|r| !r.pattern.is_empty()) {
            agrees(&rule.pattern, &lines);
        }
    }

    /// True when the compiler builds `hir` within `nfa_bound(hir)` bytes.
    fn fits_its_bound(hir: &Hir) -> bool {
        NFA::compiler()
            .configure(
                NFA::config()
                    .which_captures(WhichCaptures::None)
                    .nfa_size_limit(Some(nfa_bound(hir))),
            )
            .build_from_hir(hir)
            .is_ok()
    }

    #[test]
    fn shipped_patterns_fit_their_bound_and_are_built_on_first_use() {
        let rules = crate::RuleSet::builtin();
        for rule in rules.rules().iter().filter(|r| !r.pattern.is_empty()) {
            let hir = parse(&rule.pattern).unwrap();
            assert!(fits_its_bound(&hir), "{}", rule.pattern);
            assert!(rule.regex.0.engines.get().is_none(), "{}", rule.name);
        }
    }

    proptest::proptest! {
        #[test]
        fn generated_patterns_fit_their_bound(pattern in pattern_strategy()) {
            let hir = parse(&pattern).unwrap();
            proptest::prop_assert!(fits_its_bound(&hir), "{}", pattern);
        }
    }

    /// Patterns built from the pieces rule files use: Unicode and byte classes, literals with
    /// and without case folding, counted and open repetitions, groups and alternations.
    fn pattern_strategy() -> impl proptest::strategy::Strategy<Value = String> {
        use proptest::prelude::*;
        let atom = prop_oneof![
            Just(r"\p{L}".to_string()),
            Just(r"\w".to_string()),
            Just(r"\S".to_string()),
            Just(".".to_string()),
            Just(r"[^.!?]".to_string()),
            Just(r"[\p{L}\d ,&-]".to_string()),
            Just(r"\d".to_string()),
            Just(r"\s".to_string()),
            Just("[a-z]".to_string()),
            Just(r"\b".to_string()),
            Just("^".to_string()),
            Just("$".to_string()),
            "[a-zà-ỹ]{1,6}",
            "(?i)[a-zđ]{1,6}",
            "(?-u:[a-f]{1,3})",
        ];
        atom.prop_recursive(3, 24, 4, |inner| {
            prop_oneof![
                (inner.clone(), 0u32..40, 0u32..40).prop_map(|(a, x, y)| format!(
                    "(?:{a}){{{},{}}}",
                    x.min(y),
                    x.max(y)
                )),
                (inner.clone(), 0u32..3).prop_map(|(a, n)| match n {
                    0 => format!("(?:{a})*"),
                    1 => format!("(?:{a})+"),
                    _ => format!("({a})?"),
                }),
                proptest::collection::vec(inner.clone(), 1..4).prop_map(|v| v.concat()),
                proptest::collection::vec(inner, 2..4).prop_map(|v| format!("(?:{})", v.join("|"))),
            ]
        })
    }

    #[test]
    fn a_pattern_built_on_first_use_answers_as_one_built_at_once() {
        let hir = parse(r"(?i)^theo\s+[\p{L} ]{1,30}$").unwrap();
        assert!(nfa_bound(&hir) <= 1 << 24);
        let lazy = LineMatcher::any_of(vec![hir.clone()], 1 << 24, None).unwrap();
        assert!(lazy.0.engines.get().is_none());
        let eager = LineMatcher::any_of(vec![hir.clone()], 1 << 24, None).unwrap();
        eager.engines();
        for line in ["Theo Tuổi Trẻ", "theo", "Theo báo Tuổi Trẻ, hôm nay"] {
            assert_eq!(lazy.is_match(line), eager.is_match(line), "{line:?}");
        }
        assert!(lazy.0.engines.get().is_some());
    }

    #[test]
    #[allow(clippy::invalid_regex)] // the pattern is invalid on purpose
    fn errors_are_those_of_regex() {
        let syntax = LineMatcher::new("(unclosed", 1 << 20).unwrap_err();
        assert_eq!(
            syntax.to_string(),
            regex::Regex::new("(unclosed").unwrap_err().to_string()
        );
        let big = LineMatcher::new(r"\w{1000}", 1 << 16).unwrap_err();
        assert!(matches!(big, regex::Error::CompiledTooBig(limit) if limit == 1 << 16));
    }
}

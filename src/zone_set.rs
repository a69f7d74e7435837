//! The rules of one zone (or footer action), and the search for the first of them (in file order)
//! that matches a line.
//!
//! Most lines of a document (the body) match no rule of a zone, so each line first meets three
//! prefilters that say which rules may match; only those rules are tested, one by one, in file
//! order (the first match wins), each behind its
//! [`Gate`](crate::gate::Gate). The prefilters work from a *relaxed* copy of each pattern (see
//! [`relax`]) that matches every line the pattern matches, and maybe a few more: without Unicode
//! word boundaries, which would push a set off the lazy DFA onto the slowest engine on non-ASCII
//! text, and with counted repetitions such as `[\p{L}\d ]{1,40}` opened up, which would copy a
//! Unicode class dozens of times and make the set slow to compile.
//!
//! - Branches anchored at the line start that something selective settles within a few words
//!   (`^(?:tin|bài)\s+liên\s+quan$`) go into one multi-pattern regex, whose lazy DFA stops
//!   as soon as no branch can go on, and tells which branches matched: only their rules are
//!   tested, not every rule of the zone once any branch matched.
//! - Of the other branches, those anchored at the line end that, read backwards, something
//!   selective settles within a few bytes (`\(\s*photo\s*/[^()]{1,80}\)$` ends in `)`) go
//!   into a second multi-pattern regex, whose lazy DFA reads each line backwards from its end:
//!   on most lines it stops after a byte or two, where a literal search would read the whole
//!   line. A caption that ends in its photo's credit is found this way at next to no cost.
//! - The rest, which would keep the DFA running to the end of most lines (unanchored branches,
//!   and `^\S.{15,}?\s...`), are stood for by the literals every match of them contains,
//!   searched with SIMD, once in the whole document for the zones that ask about every line
//!   ([`ZoneSet::literal_lines`]); a branch without such literals goes into the first regex
//!   after all.
//!   Even a lone `-` beats the DFA here: the DFA would read every byte of every line, one table
//!   lookup after another, and only the lines holding the literal are read that way by the rule
//!   itself.
//!
//! A line all three prefilters refuse matches no rule of the zone, so results are those of
//! testing every rule on every line.

use regex_syntax::hir::{Class, ClassUnicode, ClassUnicodeRange, Hir, HirKind, Look, Repetition};

use crate::gate::{literal_searcher, required_literals, Literals};
use crate::matcher::{pattern_bit, LineMatcher, MakeSet, PatternBits, MANY_RANGES};
use crate::rules::{Rule, RuleId, REGEX_SIZE_LIMIT};

/// Room for the combined regex's lazy DFA per thread: the default (a few MiB) is far too small for
/// dozens of Unicode patterns, and a DFA that keeps running out of room falls back to a slow engine.
const COMBINED_DFA_LIMIT: usize = 64 << 20;

#[derive(Debug, Clone)]
pub(crate) struct ZoneSet {
    ids: Vec<RuleId>,
    /// For each rule of `ids`, which prefilters stand for its branches.
    routes: Vec<Route>,
    /// Positions in `ids` of the rules with a branch stood for by literals, in order: the only
    /// rules to test on a line that no branch in `early` matches.
    by_literals: Vec<usize>,
    /// Prefilter over relaxed copies of the branches of the patterns of `ids` that the lazy DFA
    /// settles within a few words of the line start, telling which of them match; `None` when
    /// there are none.
    early: Option<LineMatcher>,
    /// The same over the branches anchored at the line end that the lazy DFA, reading lines
    /// backwards, settles within a few bytes of the end.
    late: Option<LineMatcher>,
}

/// Which prefilters stand for the branches of one rule: a line that passes none of the rule's
/// cannot match it.
#[derive(Debug, Clone, Default)]
struct Route {
    /// The bits, in what `early` finds, of the rule's branches there (none: 0).
    by_dfa: PatternBits,
    /// The bits, in what `late` finds, of the rule's branches there (none: 0).
    by_end: PatternBits,
    /// The literals one of which each other branch (unanchored, or running over the whole line)
    /// contains. Each rule gets its own searcher: a few literals let it skip to their first bytes
    /// with SIMD, where one searcher for a whole zone would have to look at every byte.
    needed: Option<Literals>,
    /// The rule's row in a [`LiteralLines`]: its position in `by_literals`.
    literal_row: Option<usize>,
}

/// For each rule of a zone that has literals, which lines of one document hold them: a bit per
/// line, a row of `words` words per rule.
pub(crate) struct LiteralLines {
    holds: Vec<u64>,
    words: usize,
}

impl ZoneSet {
    /// The rules that `select` picks, in rule order. Fails when the relaxed branches of either
    /// prefilter together compile to more than four times [`REGEX_SIZE_LIMIT`], the bound on one
    /// zone (the message then holds "size limit").
    pub(crate) fn build(rules: &[Rule], select: impl Fn(&Rule) -> bool) -> Result<ZoneSet, String> {
        let chosen: Vec<usize> = (0..rules.len()).filter(|&i| select(&rules[i])).collect();
        let mut by_dfa: Vec<Hir> = Vec::new();
        let mut by_end: Vec<Hir> = Vec::new();
        let mut routes = Vec::with_capacity(chosen.len());
        for &i in &chosen {
            let mut route = Route::default();
            let mut literals: Vec<Vec<u8>> = Vec::new();
            for branch in branches(&relax(rules[i].hir())) {
                let scans = scans_lines(&branch);
                if scans && settles_at_line_end(&branch) {
                    route.by_end |= pattern_bit(by_end.len());
                    by_end.push(branch);
                    continue;
                }
                match scans.then(|| required_literals(&branch)).flatten() {
                    Some(needed) => literals.extend(needed),
                    _ => {
                        route.by_dfa |= pattern_bit(by_dfa.len());
                        by_dfa.push(branch);
                    }
                }
            }
            if !literals.is_empty() {
                route.needed = Some(literal_searcher(literals)?);
            }
            routes.push(route);
        }
        let early = prefilter(by_dfa, LineMatcher::set_of)?;
        let late = prefilter(by_end, LineMatcher::set_of_line_ends)?;
        let by_literals: Vec<usize> = (0..routes.len())
            .filter(|&k| routes[k].needed.is_some())
            .collect();
        for (row, &k) in by_literals.iter().enumerate() {
            routes[k].literal_row = Some(row);
        }
        Ok(ZoneSet {
            ids: chosen.into_iter().map(|i| RuleId(i as u32)).collect(),
            routes,
            by_literals,
            early,
            late,
        })
    }

    /// The first rule (in file order) among the active groups whose pattern matches `line`.
    pub(crate) fn first_match(
        &self,
        line: &str,
        rules: &[Rule],
        active: &[bool],
    ) -> Option<RuleId> {
        self.first_match_with(line, rules, active, |route| {
            route
                .needed
                .as_ref()
                .is_some_and(|lits| lits.is_match(line))
        })
    }

    /// [`ZoneSet::first_match`] for line `i` of a document whose lines' literals
    /// [`ZoneSet::literal_lines`] has found.
    pub(crate) fn first_match_at(
        &self,
        lines: &[&str],
        i: usize,
        literals: &LiteralLines,
        rules: &[Rule],
        active: &[bool],
    ) -> Option<RuleId> {
        let held = |route: &Route| {
            route.literal_row.is_some_and(|row| {
                literals.holds[row * literals.words + i / 64] >> (i % 64) & 1 != 0
            })
        };
        self.first_match_with(lines[i], rules, active, held)
    }

    /// Which lines of a document (`lines`, slices of `text` in order) hold the literals of each
    /// rule of the zone that has them: one search of the whole text per rule, where
    /// [`ZoneSet::first_match`] searches each line it is asked about.
    pub(crate) fn literal_lines(
        &self,
        text: &str,
        lines: &[&str],
        rules: &[Rule],
        active: &[bool],
    ) -> LiteralLines {
        let words = lines.len().div_ceil(64);
        let mut holds = vec![0; words * self.by_literals.len()];
        if !self.by_literals.is_empty() {
            let base = text.as_ptr() as usize;
            debug_assert!(lines.iter().all(|l| {
                let start = l.as_ptr() as usize;
                start >= base && start + l.len() <= base + text.len()
            }));
            let starts: Vec<usize> = lines.iter().map(|l| l.as_ptr() as usize - base).collect();
            for (row, &k) in self.by_literals.iter().enumerate() {
                let (id, route) = (self.ids[k], &self.routes[k]);
                if let (true, Some(lits)) = (active[rules[id.0 as usize].group], &route.needed) {
                    lits.mark_lines(text, &starts, &mut holds[row * words..(row + 1) * words]);
                }
            }
        }
        LiteralLines { holds, words }
    }

    /// [`ZoneSet::first_match`], told by `held` whether a line holds a rule's literals.
    fn first_match_with(
        &self,
        line: &str,
        rules: &[Rule],
        active: &[bool],
        held: impl Fn(&Route) -> bool,
    ) -> Option<RuleId> {
        let found = self.early.as_ref().map_or(0, |set| set.which_match(line));
        let found_at_end = self.late.as_ref().map_or(0, |set| set.which_match(line));
        // A rule of a file whose scope refuses the document is not looked for at all: its
        // literals are not searched (the Vietnamese packs' on every line of an English page).
        let matches = |k: usize| {
            let (id, route) = (self.ids[k], &self.routes[k]);
            let rule = &rules[id.0 as usize];
            active[rule.group]
                && (found & route.by_dfa != 0 || found_at_end & route.by_end != 0 || held(route))
                && rule.gate.is_match(&rule.regex, line)
        };
        let first = match found | found_at_end {
            0 => self.by_literals.iter().copied().find(|&k| matches(k)),
            _ => (0..self.ids.len()).find(|&k| matches(k)),
        };
        first.map(|k| self.ids[k])
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

/// One of a zone's prefilters over `branches` (`None` when there are none), made by `make` (a
/// forward or a backward set), bounded as one zone's patterns are.
fn prefilter(branches: Vec<Hir>, make: MakeSet) -> Result<Option<LineMatcher>, String> {
    if branches.is_empty() {
        return Ok(None);
    }
    make(branches, REGEX_SIZE_LIMIT * 4, Some(COMBINED_DFA_LIMIT))
        .map(Some)
        .map_err(|e| match e {
            regex::Error::CompiledTooBig(limit) => format!("size limit of {limit} bytes exceeded"),
            other => other.to_string(),
        })
}

/// The top-level branches of `hir`: the alternatives of an alternation, also when the parser has
/// moved an anchor shared by all of them out in front (`^a|^b` parses as `^(?:a|b)`); each then
/// keeps the anchors around it. Anything else is one branch.
fn branches(hir: &Hir) -> Vec<Hir> {
    match hir.kind() {
        HirKind::Alternation(subs) => subs.clone(),
        HirKind::Concat(parts) => {
            let is_alt = |h: &Hir| matches!(h.kind(), HirKind::Alternation(_));
            let looks_only = parts
                .iter()
                .all(|h| is_alt(h) || matches!(h.kind(), HirKind::Look(_)));
            let alts: Vec<usize> = (0..parts.len()).filter(|&i| is_alt(&parts[i])).collect();
            match (looks_only, alts.as_slice()) {
                (true, &[at]) => {
                    let HirKind::Alternation(subs) = parts[at].kind() else {
                        unreachable!()
                    };
                    subs.iter()
                        .map(|sub| {
                            let mut whole = parts.clone();
                            whole[at] = sub.clone();
                            Hir::concat(whole)
                        })
                        .collect()
                }
                _ => vec![hir.clone()],
            }
        }
        _ => vec![hir.clone()],
    }
}

/// A pattern that matches every string `hir` matches (and maybe more) and that the lazy DFA runs
/// fast: Unicode word-boundary assertions become empty, capture groups plain groups, and a counted
/// repetition of three or more (`x{4}`, `x{0,3}`, `x{1,40}`, `x{80,}`) becomes `x*` or `x+`.
/// Repetitions of at most two (`x?`, `x{1,2}`) and unbounded ones stay as they are. A class of
/// many ranges keeps its ASCII part and takes every other character: building a zone's
/// automaton from `\w` and `\p{L}` as they are cost more than cleaning a thousand documents,
/// and lines of prose hold such characters anyway.
pub(crate) fn relax(hir: &Hir) -> Hir {
    match hir.kind() {
        HirKind::Look(look) if is_unicode_word_look(*look) => Hir::empty(),
        HirKind::Class(Class::Unicode(cls)) if cls.ranges().len() > MANY_RANGES => {
            let mut loose = ClassUnicode::new(
                cls.ranges()
                    .iter()
                    .filter(|r| r.start() < '\u{80}')
                    .map(|r| ClassUnicodeRange::new(r.start(), r.end().min('\u{7F}'))),
            );
            loose.push(ClassUnicodeRange::new('\u{80}', char::MAX));
            Hir::class(Class::Unicode(loose))
        }
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
    scans_from(branch, Reading::Forwards) == Some(true)
}

/// True when `branch` is anchored at the line end and, read backwards from there, meets
/// something selective before any run over words (`\(\s*AP\s+Photo\s*/[^()]{1,80}\)$`
/// ends in `)`): a DFA of such branches reading lines from their end stops within a few bytes
/// on most lines.
fn settles_at_line_end(branch: &Hir) -> bool {
    branch.properties().look_set_suffix().contains(Look::End)
        && scans_from(branch, Reading::Backwards) == Some(false)
}

/// Which way the lazy DFA reads a line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Reading {
    /// From the line start on.
    Forwards,
    /// From the line end back.
    Backwards,
}

impl Reading {
    /// The parts of a concatenation in the order this reading meets them.
    fn order<'a>(self, parts: &'a [Hir]) -> Box<dyn Iterator<Item = &'a Hir> + 'a> {
        match self {
            Reading::Forwards => Box::new(parts.iter()),
            Reading::Backwards => Box::new(parts.iter().rev()),
        }
    }
}

/// Whether the lazy DFA, reading `hir` as `reading` says, may run over any words
/// (`Some(true)`), meets something selective first (`Some(false)`), or reads through it without
/// either (`None`), as through `\s*` or `\p{Lu}`.
fn scans_from(hir: &Hir, reading: Reading) -> Option<bool> {
    let parts = match hir.kind() {
        HirKind::Concat(subs) => subs.as_slice(),
        _ => std::slice::from_ref(hir),
    };
    for part in reading.order(parts) {
        match part.kind() {
            HirKind::Look(_) => {}
            HirKind::Repetition(rep)
                if rep.max.is_none()
                    && may_begin_broadly(&rep.sub, reading)
                    && spans_broad_class(&rep.sub) =>
            {
                return Some(true)
            }
            HirKind::Repetition(rep) if is_large_class(&rep.sub) => {}
            _ if is_large_class(part) => {}
            // An alternation settles where each of its alternatives does; one that runs over
            // words runs the DFA over them too.
            HirKind::Alternation(subs) => {
                let each: Vec<Option<bool>> = subs.iter().map(|a| scans_from(a, reading)).collect();
                if each.contains(&Some(true)) {
                    return Some(true);
                }
                if each.iter().all(|e| *e == Some(false)) {
                    return Some(false);
                }
            }
            // Something that may match nothing (`\s*`, `(?:[*•-]\s+)?`) settles nothing either,
            // but the DFA also reads into it: an optional place name of any words
            // (`(?:\p{Lu}\p{L}*(?:\s+\p{L}+){0,3}\s*:)?`) runs over the words of any line.
            _ if part.properties().minimum_len() == Some(0) => {
                if optional_body(part).and_then(|body| scans_from(body, reading)) == Some(true) {
                    return Some(true);
                }
            }
            _ => return Some(false),
        }
    }
    None
}

/// What an optional part (`x?`, `(?:x)?`, `x{0,3}`, a group of one) holds, when it is one.
fn optional_body(hir: &Hir) -> Option<&Hir> {
    match hir.kind() {
        HirKind::Repetition(rep) if rep.min == 0 => Some(&rep.sub),
        HirKind::Capture(cap) => optional_body(&cap.sub),
        _ => None,
    }
}

/// True when a match of `hir`, read as `reading` says, may begin with a character of a large
/// class (`\w`, `.`), so that a repetition of it takes in nearly any text; false when it must
/// begin with something selective (a keyword, `\s`, a bullet).
fn may_begin_broadly(hir: &Hir, reading: Reading) -> bool {
    match hir.kind() {
        HirKind::Class(_) => is_large_class(hir),
        HirKind::Repetition(rep) => may_begin_broadly(&rep.sub, reading),
        HirKind::Capture(cap) => may_begin_broadly(&cap.sub, reading),
        HirKind::Alternation(subs) => subs.iter().any(|sub| may_begin_broadly(sub, reading)),
        HirKind::Concat(parts) => {
            let mut parts = reading.order(parts);
            while let Some(part) = parts.next() {
                // White space, then any word (`\s+\w+`, not `\s+\p{Lu}\p{Ll}*`): a run of
                // such repeated takes in any words after the first.
                if is_space_run(part) {
                    return parts
                        .find(|p| p.properties().minimum_len() != Some(0))
                        .is_some_and(|p| takes_any_letter(p, reading));
                }
                if may_begin_broadly(part, reading) {
                    return true;
                }
                if part.properties().minimum_len() != Some(0) {
                    return false;
                }
            }
            false
        }
        HirKind::Empty | HirKind::Literal(_) | HirKind::Look(_) => false,
    }
}

/// True for white space, or a run of it (`\s`, `\s+`, ` `).
fn is_space_run(hir: &Hir) -> bool {
    match hir.kind() {
        HirKind::Class(Class::Unicode(cls)) => cls
            .ranges()
            .iter()
            .all(|r| (r.start()..=r.end()).all(char::is_whitespace)),
        HirKind::Class(Class::Bytes(cls)) => cls
            .ranges()
            .iter()
            .all(|r| (r.start()..=r.end()).all(|b| b.is_ascii_whitespace())),
        HirKind::Literal(lit) => std::str::from_utf8(&lit.0)
            .is_ok_and(|s| !s.is_empty() && s.chars().all(char::is_whitespace)),
        HirKind::Repetition(rep) => rep.min > 0 && is_space_run(&rep.sub),
        HirKind::Capture(cap) => is_space_run(&cap.sub),
        _ => false,
    }
}

/// True when a match of `hir`, read as `reading` says, may begin with any letter, lowercase ones
/// included: a large class holding `a` to `z` (`\w`, `\p{L}`, `.`), not `\p{Lu}`.
fn takes_any_letter(hir: &Hir, reading: Reading) -> bool {
    match hir.kind() {
        HirKind::Class(Class::Unicode(cls)) => {
            is_large_class(hir)
                && ('a'..='z').all(|c| cls.ranges().iter().any(|r| r.start() <= c && c <= r.end()))
        }
        HirKind::Class(Class::Bytes(cls)) => {
            (b'a'..=b'z').all(|c| cls.ranges().iter().any(|r| r.start() <= c && c <= r.end()))
        }
        HirKind::Repetition(rep) => rep.min > 0 && takes_any_letter(&rep.sub, reading),
        HirKind::Capture(cap) => takes_any_letter(&cap.sub, reading),
        HirKind::Concat(parts) => reading
            .order(parts)
            .next()
            .is_some_and(|p| takes_any_letter(p, reading)),
        HirKind::Alternation(subs) => subs.iter().any(|sub| takes_any_letter(sub, reading)),
        _ => false,
    }
}

/// True when some class inside `hir` holds the space and more than 256 characters, or when
/// the classes inside it together do (`[\w’-]+\s+` repeated runs over any words).
fn spans_broad_class(hir: &Hir) -> bool {
    fn collect(hir: &Hir, total: &mut u32, space: &mut bool) {
        match hir.kind() {
            HirKind::Class(Class::Unicode(cls)) => {
                *total += cls.ranges().iter().map(|r| r.len() as u32).sum::<u32>();
                *space |= cls
                    .ranges()
                    .iter()
                    .any(|r| r.start() <= ' ' && ' ' <= r.end());
            }
            HirKind::Class(Class::Bytes(cls)) => {
                *total += cls.ranges().iter().map(|r| r.len() as u32).sum::<u32>() * 2;
                *space |= cls
                    .ranges()
                    .iter()
                    .any(|r| r.start() <= b' ' && b' ' <= r.end());
            }
            HirKind::Repetition(rep) => collect(&rep.sub, total, space),
            HirKind::Capture(cap) => collect(&cap.sub, total, space),
            HirKind::Concat(subs) | HirKind::Alternation(subs) => {
                subs.iter().for_each(|s| collect(s, total, space))
            }
            _ => {}
        }
    }
    let (mut total, mut space) = (0, false);
    collect(hir, &mut total, &mut space);
    is_broad_class(hir) || (space && total > 256)
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
            (r"(?i)^\w+\s+\d{2}$", &["Hà 12", "ÉTÉ ٤٢", "日本 12", "x 1"]),
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
        // A class of many ranges takes every character beyond ASCII, but only its own ASCII.
        assert!(relaxed(r"^\w+$").is_match("日本・語"));
        assert!(!relaxed(r"^\w+$").is_match("a b"));
        assert!(!relaxed(r"^\d+$").is_match("12a"));
        assert!(!relaxed(r"^\d{4}$").is_match("x"));
    }

    #[test]
    fn an_anchor_shared_by_all_branches_stays_with_each() {
        let hir = regex_syntax::Parser::new().parse(r"^ab|^c$").unwrap();
        let split: Vec<String> = branches(&hir).iter().map(|h| h.to_string()).collect();
        assert_eq!(split.len(), 2, "{split:?}");
        for (branch, yes, no) in [(&split[0], "abc", "xab"), (&split[1], "c", "cc")] {
            let re = regex::Regex::new(branch).unwrap();
            assert!(re.is_match(yes) && !re.is_match(no), "{branch}");
        }
    }

    #[test]
    fn a_run_of_any_words_sends_a_branch_to_its_literals() {
        let hir = relax(
            &regex_syntax::Parser::new()
                .parse(r"(?i)^\s*(?:[*•-]\s+)?(?:[\w'-]+\s+){0,4}newsletters?$")
                .unwrap(),
        );
        assert!(scans_lines(&hir));
        let literals = required_literals(&hir).unwrap();
        assert_eq!(
            crate::gate::fold_literals(literals.clone()),
            [b"newsletter".to_vec(), "newſletter".as_bytes().to_vec()]
        );
        // A word before the run settles the DFA early.
        let hir = relax(
            &regex_syntax::Parser::new()
                .parse(r"^Theo\s.{1,40}$")
                .unwrap(),
        );
        assert!(!scans_lines(&hir));
    }

    #[test]
    fn only_runs_that_take_in_any_text_keep_the_dfa_going() {
        let scans = |pattern: &str| {
            let hir = relax(&regex_syntax::Parser::new().parse(pattern).unwrap());
            branches(&hir).iter().any(scans_lines)
        };
        // Any first character, then any text: the DFA would read every line to its end.
        assert!(scans(r"^\S.{15,}?\s[\p{L}\d-]+\.(?:vn|com)\s[-–]\s\p{Lu}"));
        // Repeated keywords, or capitalised words: a line that does not start so ends the DFA.
        assert!(!scans(
            r"(?i)^(?:(?:chia\s+sẻ|bình\s+luận|theo\s+dõi|đăng\s+nhập)\s*[|/·]?\s*)+$"
        ));
        assert!(!scans(
            r"^\p{Lu}[\p{L}.]*(?:\s\p{Lu}[\p{L}.]*){0,4}\s*[-–|]\s*\d{1,2}/\d{1,2}"
        ));
        // Any words, each after white space: the DFA runs over every capitalised line.
        assert!(scans(
            r"^\p{Lu}[\p{L}\d.]*(?:\s+[\p{L}\d.]+){0,4}\s+\(?(?:tổng\s+hợp|biên\s+dịch)\)?$"
        ));
        // So it does when such a run is optional, ahead of what is selective.
        assert!(scans(
            r"^(?:\p{Lu}[\p{L}.]*(?:\s+\p{L}[\p{L}.]*){0,3}\s*:?\s*)?-?\d{1,2}\s*°\s*C?$"
        ));
        assert!(!scans(
            r"^(?:\p{Lu}[\p{L}.]*(?:\s\p{Lu}[\p{L}.]*)?\s*:?\s*)?-?\d{1,2}\s*°\s*C?$"
        ));
    }

    #[test]
    fn a_branch_that_reads_every_line_is_stood_for_by_its_literals_however_short() {
        let rules = rule_set(
            r#"
[[sidebar]]
name = "teaser"
pattern = '^\S.{15,}?\s[\p{L}\d-]+\.(?:vn|com)\s[-–]\s\p{Lu}'
[[sidebar]]
name = "label"
pattern = '^(?:Chia sẻ|Bình luận)$'
"#,
        );
        let zone = &rules.sidebar;
        assert!(zone.routes[0].needed.is_some() && zone.routes[0].by_dfa == 0);
        assert!(zone.routes[1].by_dfa != 0 && zone.routes[1].needed.is_none());
        let teaser = "Giá vàng hôm nay tăng mạnh baomoi.vn - Xem";
        sidebar_finds(
            &rules,
            &[
                (teaser, Some(0)),
                ("Bình luận", Some(1)),
                ("Giá vàng - Tăng", None),
            ],
        );
    }

    /// The rules of one rule file's text.
    fn rule_set(toml: &str) -> crate::RuleSet {
        let source = crate::rules::RuleSource::new("t.toml", toml);
        crate::RuleSet::from_sources(&[source]).unwrap()
    }

    /// The sidebar of `rules` finds, on each line, the rule (by its index) that goes with it.
    fn sidebar_finds(rules: &crate::RuleSet, cases: &[(&str, Option<u32>)]) {
        let active = vec![true];
        for &(line, want) in cases {
            let found = rules.sidebar.first_match(line, rules.rules(), &active);
            assert_eq!(found.map(|id| id.0), want, "{line:?}");
        }
    }

    #[test]
    fn a_branch_anchored_at_the_line_end_is_read_from_there_when_its_end_is_selective() {
        let rules = rule_set(
            r#"
[[sidebar]]
name = "credit"
pattern = '\S\s*\(\s*(?i:photo|image)\s*[:/]\s*[^()]{1,80}\)$|[.!?]\s+(?:Getty|AP)$'
[[sidebar]]
name = "agency"
pattern = '\bREUTERS/\p{Lu}[\p{L} ]{1,40}$'
"#,
        );
        let zone = &rules.sidebar;
        // The credit's two branches end in something selective: a `)`, an agency.
        assert!(zone.late.is_some());
        assert_eq!(zone.routes[0].by_end.count_ones(), 2);
        assert!(zone.routes[0].needed.is_none() && zone.routes[0].by_dfa == 0);
        // Read backwards, a name runs over any words: the literal stands for it.
        assert!(zone.routes[1].by_end == 0 && zone.routes[1].needed.is_some());
        sidebar_finds(
            &rules,
            &[
                ("Traders work on the floor. (Photo: Jane Smith)", Some(0)),
                ("A woman holds a sign. AP", Some(0)),
                ("Traders work on the floor. REUTERS/Jane Smith", Some(1)),
                ("Traders work on the floor (Photo: Jane Smith) today.", None),
                ("He read the AP", None),
            ],
        );
    }

    #[test]
    fn newsletter_lines_find_their_rule() {
        let rules = crate::RuleSet::builtin();
        let active = vec![true; rules.files().len()];
        let lines = [
            "Sign up for our daily newsletter",
            "Get the Morning Briefing newsletter.",
            "Our free email newsletters",
            "• Weekly NEWſLETTER:",
            "Newsletter",
            "A newsletter went out to readers on Monday, who read it.",
        ];
        for line in lines {
            let slow = rules
                .sidebar
                .ids
                .iter()
                .find(|id| rules.rule(**id).regex.is_match(line))
                .copied();
            assert_eq!(
                rules.sidebar.first_match(line, rules.rules(), &active),
                slow,
                "{line:?}"
            );
        }
        let newsletter = |line: &str| {
            rules
                .sidebar
                .first_match(line, rules.rules(), &active)
                .map(|id| rules.rule(id).name.clone())
        };
        assert_eq!(newsletter(lines[0]).as_deref(), Some("en.newsletter"));
        assert_eq!(newsletter(lines[3]).as_deref(), Some("en.newsletter"));
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

    /// The literals found in one search of a whole document are those a search of each line
    /// finds: each line of the seeds (and variants), set among blank lines and lines holding a
    /// literal of another rule (or of the same one), gets the same rule either way.
    #[test]
    fn literals_found_in_the_whole_document_are_those_of_each_line() {
        let rules = crate::RuleSet::builtin();
        let active = vec![true; rules.files().len()];
        let variants = crate::seed_line_variants();
        let mut lines: Vec<&str> = Vec::new();
        for (k, line) in variants.iter().enumerate() {
            lines.push(line);
            lines.push(["", "All rights reserved", "- x", "newsletter"][k % 4]);
        }
        let text = lines.join("\n");
        let lines: Vec<&str> = text.split('\n').collect();
        let zones = [
            &rules.header,
            &rules.sidebar,
            &rules.footer_cut,
            &rules.footer_trailing,
        ];
        assert!(zones.iter().any(|zone| zone.by_literals.len() > 1));
        for zone in zones {
            let literals = zone.literal_lines(&text, &lines, rules.rules(), &active);
            for (i, line) in lines.iter().enumerate() {
                assert_eq!(
                    zone.first_match_at(&lines, i, &literals, rules.rules(), &active),
                    zone.first_match(line, rules.rules(), &active),
                    "{line:?}"
                );
            }
        }
    }
}

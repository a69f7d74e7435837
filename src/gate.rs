//! Cheap, exact tests that rule a line out for a pattern before the regex runs.
//!
//! A document's lines are tested against dozens of rules, and nearly every test fails; a regex
//! call costs tens of nanoseconds even when it fails at the first byte, so the calls themselves
//! would dominate. A [`Gate`] is worked out once per pattern from its syntax and answers "can this
//! pattern match this line at all?" from the line's length, its first byte, its last few bytes,
//! or the presence of a literal every match must hold. A gate may let through lines that the
//! pattern then does not match, but it never stops a line the pattern matches, so results are
//! those of running every regex on every line.
//!
//! Each branch of a top-level alternation gets its own test and, when there are several, its own
//! regex: the pattern matches when one branch passes its test and its regex matches, so a cheap
//! anchored branch never pays for a costly unanchored one beside it. For a branch:
//! - every match is at least `minimum_len` bytes long, so shorter lines are out;
//! - a branch anchored at both ends (`^...$`) matches the whole line, so lines longer than its
//!   `maximum_len` are out too;
//! - a branch anchored at the start matches only lines whose first byte can begin a match;
//! - a branch anchored at the end only matches only lines that a relaxed copy of it (see
//!   [`relax`]) matches when read backwards from the line end, which most lines end within a
//!   byte or two (`\s*\(?(?:Ảnh|Nguồn)\s*:[^.]{1,40}\)?$` refuses a line ending in `.` at
//!   once, where searching every line for `Ảnh` or `Nguồn` would read all of it);
//! - an unanchored branch whose matches all contain one of a few literals (`\ball\s+rights`
//!   begins with a case variant of `all`; `(?:Ảnh|Nguồn)\s*:` contains `Ảnh` or `Nguồn`)
//!   matches only lines containing one of them.
//!
//! Word-boundary assertions are ignored by the analysis (treated as matching the empty string),
//! which can only let more lines through.

use regex_automata::util::syntax;
use regex_automata::{meta, Input};
use regex_syntax::hir::literal::{ExtractKind, Extractor};
use regex_syntax::hir::{Class, Hir, HirKind, Look, Repetition};

use crate::matcher::LineMatcher;
use crate::rules::REGEX_SIZE_LIMIT;
use crate::zone_set::relax;

/// The prefilter of one pattern.
#[derive(Debug, Clone, Default)]
pub(crate) struct Gate {
    /// One test per top-level branch; `None` when the pattern could not be analysed.
    branches: Option<Vec<Branch>>,
}

/// One top-level branch of a pattern: its test, and its own regex when the pattern has several
/// branches, so that a line one branch admits is not searched for the others.
#[derive(Debug, Clone)]
struct Branch {
    /// `None` when the branch can match any line.
    filter: Option<Filter>,
    regex: Option<LineMatcher>,
    /// For a branch anchored at the line end but not at its start, a relaxed copy of it (see
    /// [`relax`]) read backwards from the end ([`LineMatcher::set_of_line_ends`]): it stops where
    /// no match can end any more, mostly within a few bytes, and rules out the lines that the
    /// forward search would have read to their end to refuse.
    ending: Option<LineMatcher>,
}

#[derive(Debug, Clone)]
struct Filter {
    min_len: usize,
    /// For a branch anchored at both ends, the longest line it can match.
    max_len: Option<usize>,
    /// For a branch anchored at the start, the bytes a match can begin with.
    first: Option<ByteSet>,
    /// For an unanchored branch, literals one of which every match contains.
    needs: Option<Literals>,
}

/// A set of byte values.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
struct ByteSet([u64; 4]);

impl ByteSet {
    fn insert_range(&mut self, lo: u8, hi: u8) {
        for b in lo..=hi {
            self.0[(b >> 6) as usize] |= 1 << (b & 63);
        }
    }

    fn union(&mut self, other: ByteSet) {
        for (a, b) in self.0.iter_mut().zip(other.0) {
            *a |= b;
        }
    }

    /// True when `b` is in the set.
    fn contains(&self, b: u8) -> bool {
        self.0[(b >> 6) as usize] & (1 << (b & 63)) != 0
    }

    fn is_full(&self) -> bool {
        self.0.iter().all(|&w| w == u64::MAX)
    }
}

/// At most this many literals stand for one branch; beyond it, the branch is not filtered by
/// literals.
const MAX_LITERALS: usize = 64;

impl Gate {
    /// The gate of `pattern`; one that admits every line when the pattern does not parse with
    /// the default settings (it is then tested on every line).
    #[cfg(test)]
    pub(crate) fn new(pattern: &str) -> Gate {
        match regex_syntax::Parser::new().parse(pattern) {
            Ok(hir) => Gate::from_hir(&hir),
            Err(_) => Gate::default(),
        }
    }

    /// The gate of the pattern whose syntax tree is `hir`.
    pub(crate) fn from_hir(hir: &Hir) -> Gate {
        let subs = match hir.kind() {
            HirKind::Alternation(subs) => subs.as_slice(),
            _ => std::slice::from_ref(hir),
        };
        let several = subs.len() > 1;
        let branches: Option<Vec<Branch>> = subs
            .iter()
            .map(|sub| {
                let regex = match several {
                    true => {
                        Some(LineMatcher::any_of(vec![sub.clone()], REGEX_SIZE_LIMIT, None).ok()?)
                    }
                    false => None,
                };
                let props = sub.properties();
                let ends_only = props.look_set_suffix().contains(Look::End)
                    && !props.look_set_prefix().contains(Look::Start);
                let ending = match ends_only {
                    true => Some(
                        LineMatcher::set_of_line_ends(vec![relax(sub)], REGEX_SIZE_LIMIT, None)
                            .ok()?,
                    ),
                    false => None,
                };
                Some(Branch {
                    filter: Filter::new(sub),
                    regex,
                    ending,
                })
            })
            .collect();
        Gate { branches }
    }

    /// True when `regex`, the pattern the gate was made from, matches `line`: the same answer
    /// as `regex.is_match(line)`, found by searching only the branches the line passes.
    #[inline]
    pub(crate) fn is_match(&self, regex: &LineMatcher, line: &str) -> bool {
        let Some(branches) = &self.branches else {
            return regex.is_match(line);
        };
        branches.iter().any(|b| {
            b.filter.as_ref().is_none_or(|f| f.admits(line))
                && b.ending.as_ref().is_none_or(|e| e.which_match(line) != 0)
                && b.regex.as_ref().unwrap_or(regex).is_match(line)
        })
    }

    /// False when the pattern cannot match `line`; true when it may.
    #[inline]
    pub(crate) fn admits(&self, line: &str) -> bool {
        match &self.branches {
            None => true,
            Some(branches) => branches.iter().any(|b| {
                b.filter.as_ref().is_none_or(|f| f.admits(line))
                    && b.ending.as_ref().is_none_or(|e| e.which_match(line) != 0)
            }),
        }
    }
}

impl Filter {
    /// The test for one branch; `None` when it could not rule out any line.
    fn new(hir: &Hir) -> Option<Filter> {
        let props = hir.properties();
        let min_len = props.minimum_len().unwrap_or(0);
        let at_start = props.look_set_prefix().contains(Look::Start);
        let at_end = props.look_set_suffix().contains(Look::End);
        let max_len = if at_start && at_end {
            props.maximum_len()
        } else {
            None
        };
        let mut branch = Filter {
            min_len,
            max_len,
            first: None,
            needs: None,
        };
        if at_start {
            let (set, nullable) = first_bytes(hir);
            if !nullable && !set.is_full() {
                branch.first = Some(set);
            }
        } else if !at_end {
            // (A branch anchored at the end only is read backwards from there instead.)
            branch.needs = required_literals(hir).and_then(|l| literal_searcher(l).ok());
        }
        let rules_out_something = min_len > 0
            || branch.max_len.is_some()
            || branch.first.is_some()
            || branch.needs.is_some();
        rules_out_something.then_some(branch)
    }

    #[inline]
    fn admits(&self, line: &str) -> bool {
        let len = line.len();
        if len < self.min_len || self.max_len.is_some_and(|max| len > max) {
            return false;
        }
        if let Some(first) = &self.first {
            // A non-nullable branch needs a first byte, and `min_len` already refused "" unless 0.
            match line.as_bytes().first() {
                Some(&b) if first.contains(b) => {}
                _ => return false,
            }
        }
        if let Some(needs) = &self.needs {
            return needs.is_match(line);
        }
        true
    }
}

/// The literals a line must hold one of, when ASCII case is ignored: lowercased, without
/// duplicates, and without those that hold another (a line holding `newsletters` holds
/// `newsletter`).
pub(crate) fn fold_literals(mut literals: Vec<Vec<u8>>) -> Vec<Vec<u8>> {
    literals.iter_mut().for_each(|l| l.make_ascii_lowercase());
    literals.sort();
    literals.dedup();
    let all = literals.clone();
    literals.retain(|l| {
        !all.iter()
            .any(|other| other.len() < l.len() && l.windows(other.len()).any(|w| w == other))
    });
    literals
}

/// A searcher for any of a few literals, ASCII case ignored.
#[derive(Debug, Clone)]
pub(crate) struct Literals {
    regex: meta::Regex,
    /// True when no literal holds a line end, so that every match lies within one line.
    within_lines: bool,
}

impl Literals {
    /// True when `line` holds one of the literals.
    #[inline]
    pub(crate) fn is_match(&self, line: &str) -> bool {
        self.regex.is_match(line)
    }

    /// Marks in `holds` (a bit per line) the lines of `text` that hold one of the literals;
    /// `starts` are the byte offsets in `text` where its lines start, in order. One search of the
    /// whole text, which skips to the next line at each match, replaces a search per line: most
    /// lines hold none of the literals, and each search costs a call however short the line.
    pub(crate) fn mark_lines(&self, text: &str, starts: &[usize], holds: &mut [u64]) {
        if !self.within_lines {
            holds.fill(u64::MAX);
            return;
        }
        let (mut at, mut line) = (0, 0);
        while let Some(found) = self.regex.search(&Input::new(text).range(at..)) {
            line += starts[line..].partition_point(|&s| s <= found.start()) - 1;
            holds[line / 64] |= 1 << (line % 64);
            match starts.get(line + 1) {
                Some(&next) => at = next,
                None => break,
            }
        }
    }
}

/// A searcher for any of `literals`. Case variants of a literal (`(?i)` expands them) become one,
/// searched without regard to ASCII case: a superset again, and a short list that runs fast.
///
/// The literals become one regex, `(?i-u:lit1|lit2)` over bytes, rather than an Aho-Corasick
/// automaton: the regex engine searches the case variants of their first bytes with SIMD
/// (Teddy), where Aho-Corasick, told to ignore case, skips only to the rarest byte of each
/// literal and then steps its automaton; for `reserved` that is every `v` of a Vietnamese line,
/// six times slower on the seeds' text.
pub(crate) fn literal_searcher(literals: Vec<Vec<u8>>) -> Result<Literals, String> {
    let literals = fold_literals(literals);
    let within_lines = !literals.iter().any(|lit| lit.contains(&b'\n'));
    let alternatives: Vec<String> = literals
        .iter()
        .map(|lit| {
            lit.iter()
                .map(|&b| match b.is_ascii_alphanumeric() {
                    true => (b as char).to_string(),
                    false => format!(r"\x{b:02X}"),
                })
                .collect()
        })
        .collect();
    let pattern = format!("(?i-u:{})", alternatives.join("|"));
    meta::Regex::builder()
        .syntax(syntax::Config::new().utf8(false))
        .build(&pattern)
        .map(|regex| Literals {
            regex,
            within_lines,
        })
        .map_err(|e| e.to_string())
}

/// A few literals one of which every match of `branch` contains, or `None` when none are found
/// that are rare enough to be worth searching for. Every match of a concatenation contains a
/// match of each of its tails, so the literals every match of some tail starts with will do;
/// the tail whose literals are longest (then fewest) is chosen. A single letter, digit or space
/// is too common in text to rule lines out.
pub(crate) fn required_literals(branch: &Hir) -> Option<Vec<Vec<u8>>> {
    let branch = &fold_ascii_case(branch);
    let parts = match branch.kind() {
        HirKind::Concat(subs) => subs.clone(),
        _ => vec![branch.clone()],
    };
    let mut best: Option<(usize, Vec<Vec<u8>>)> = None;
    for start in 0..parts.len() {
        let tail = Hir::concat(parts[start..].to_vec());
        let seq = Extractor::new().kind(ExtractKind::Prefix).extract(&tail);
        let Some(found) = seq.literals() else {
            continue;
        };
        let common = |l: &[u8]| l.is_empty() || (l.len() == 1 && l[0].is_ascii_alphanumeric());
        if found.is_empty()
            || found.len() > MAX_LITERALS
            || found
                .iter()
                .any(|l| common(l.as_bytes()) || l.as_bytes()[0] == b' ')
        {
            continue;
        }
        let shortest = found.iter().map(|l| l.as_bytes().len()).min().unwrap_or(0);
        let better = best.as_ref().is_none_or(|(len, lits)| {
            shortest > *len || (shortest == *len && found.len() < lits.len())
        });
        if better {
            best = Some((
                shortest,
                found.iter().map(|l| l.as_bytes().to_vec()).collect(),
            ));
        }
    }
    best.map(|(_, lits)| lits)
}

/// `hir` with each class that holds one ASCII letter in both cases (`[Nn]`, `[Ssſ]`, as `(?i)`
/// writes letters) turned into that letter in lower case, or an alternation of it and the class's
/// other characters. For [`literal_searcher`], which ignores ASCII case: `(?i)newsletter` then
/// stands for one literal, not 1024 case variants cut short to a few common letters.
fn fold_ascii_case(hir: &Hir) -> Hir {
    match hir.kind() {
        HirKind::Class(Class::Unicode(cls)) => {
            let size: u32 = cls.ranges().iter().map(|r| r.len() as u32).sum();
            if size > 4 {
                return hir.clone();
            }
            let chars: Vec<char> = cls.iter().flat_map(|r| r.start()..=r.end()).collect();
            let ascii: Vec<char> = chars.iter().copied().filter(char::is_ascii).collect();
            let pair = match ascii.as_slice() {
                &[a, b] if a.is_ascii_alphabetic() && a.eq_ignore_ascii_case(&b) && a != b => {
                    a.to_ascii_lowercase()
                }
                _ => return hir.clone(),
            };
            let literal = |c: char| Hir::literal(c.to_string().into_bytes());
            let mut alternatives = vec![literal(pair)];
            alternatives.extend(chars.iter().copied().filter(|c| !c.is_ascii()).map(literal));
            Hir::alternation(alternatives)
        }
        HirKind::Repetition(rep) => Hir::repetition(Repetition {
            sub: Box::new(fold_ascii_case(&rep.sub)),
            ..rep.clone()
        }),
        HirKind::Capture(cap) => fold_ascii_case(&cap.sub),
        HirKind::Concat(subs) => Hir::concat(subs.iter().map(fold_ascii_case).collect()),
        HirKind::Alternation(subs) => Hir::alternation(subs.iter().map(fold_ascii_case).collect()),
        _ => hir.clone(),
    }
}

/// The bytes a match of `hir` can begin with, and whether it can match the empty string (then
/// what follows it can begin the match too). Look-arounds count as empty.
fn first_bytes(hir: &Hir) -> (ByteSet, bool) {
    let mut set = ByteSet::default();
    match hir.kind() {
        HirKind::Empty | HirKind::Look(_) => (set, true),
        HirKind::Literal(lit) => match lit.0.first() {
            Some(&b) => {
                set.insert_range(b, b);
                (set, false)
            }
            None => (set, true),
        },
        HirKind::Class(Class::Unicode(cls)) => {
            for r in cls.ranges() {
                set.insert_range(lead_byte(r.start()), lead_byte(r.end()));
            }
            (set, false)
        }
        HirKind::Class(Class::Bytes(cls)) => {
            for r in cls.ranges() {
                set.insert_range(r.start(), r.end());
            }
            (set, false)
        }
        HirKind::Repetition(rep) => {
            let (sub, nullable) = first_bytes(&rep.sub);
            (sub, nullable || rep.min == 0)
        }
        HirKind::Capture(cap) => first_bytes(&cap.sub),
        HirKind::Concat(subs) => {
            for sub in subs {
                let (s, nullable) = first_bytes(sub);
                set.union(s);
                if !nullable {
                    return (set, false);
                }
            }
            (set, true)
        }
        HirKind::Alternation(subs) => {
            let mut any_nullable = false;
            for sub in subs {
                let (s, nullable) = first_bytes(sub);
                set.union(s);
                any_nullable |= nullable;
            }
            (set, any_nullable)
        }
    }
}

/// The first byte of `c` in UTF-8. It grows with the code point, so the lead bytes of a range of
/// characters lie between those of its ends.
fn lead_byte(c: char) -> u8 {
    let mut buf = [0u8; 4];
    c.encode_utf8(&mut buf).as_bytes()[0]
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Checks on a few lines that the gate never refuses a line its pattern matches.
    fn agrees(pattern: &str, lines: &[&str]) {
        let gate = Gate::new(pattern);
        let re = regex::Regex::new(pattern).unwrap();
        let matcher = LineMatcher::new(pattern, REGEX_SIZE_LIMIT).unwrap();
        for line in lines {
            assert_eq!(
                gate.is_match(&matcher, line),
                re.is_match(line),
                "{pattern} on {line:?}"
            );
            if re.is_match(line) {
                assert!(
                    gate.admits(line),
                    "{pattern} matches {line:?} but the gate refused it"
                );
            }
        }
    }

    #[test]
    fn anchored_patterns_are_gated_by_first_byte_and_length() {
        let gate = Gate::new(r"(?i)^\s*(?:[*•-]\s+)?trang\s+chủ$");
        assert!(gate.admits("Trang chủ"));
        assert!(gate.admits("  • trang  chủ"));
        assert!(!gate.admits("Hà Nội"), "first byte H cannot start a match");
        assert!(!gate.admits("Trang"), "too short");
        agrees(
            r"(?i)^\s*(?:[*•-]\s+)?trang\s+chủ$",
            &["Trang chủ", " - TRANG CHỦ", "• trang chủ", "Trang chủ x"],
        );
    }

    #[test]
    fn unanchored_branches_need_their_leading_literal() {
        let p = r"(?i)^\s*©|(?i)\ball\s+rights\s+reserved\b";
        let gate = Gate::new(p);
        assert!(gate.admits("© 2024 Site"));
        assert!(gate.admits("Site. ALL Rights Reserved."));
        assert!(!gate.admits("Một dòng bình thường của bài báo"));
        agrees(
            p,
            &[
                "  © x",
                "x all rights reserved",
                "ALL RIGHTS RESERVED",
                "fall rights",
            ],
        );
    }

    #[test]
    fn unanchored_branches_need_a_literal_from_inside_too() {
        // Leading optional space and punctuation give no literal to start with; `Ảnh` or `Nguồn`
        // must still occur in every match.
        let p = r"\s*[(\[]?\s*(?:Ảnh|Nguồn)\s*:\s*\p{Lu}[^.]{0,20}[)\]]?";
        let gate = Gate::new(p);
        assert!(gate.admits("Cầu mới. (Ảnh: Hà Nội)"));
        assert!(!gate.admits("Một dòng bình thường: Hà Nội"));
        agrees(
            p,
            &[
                "Cầu mới. Ảnh: Minh Anh",
                "[Nguồn: VTV]",
                "Ảnh: chụp",
                "Nguồn tin",
            ],
        );
    }

    #[test]
    fn branches_anchored_at_the_line_end_only_are_read_backwards_from_there() {
        let p = r"\s*[(\[]?\s*(?:Ảnh|Nguồn)\s*:\s*\p{Lu}[^.]{0,20}[)\]]?$|^Theo\s+\p{Lu}.*$";
        let gate = Gate::new(p);
        let branches = gate.branches.as_ref().unwrap();
        // Not searched for its literals through the whole line, but read from the end.
        assert!(branches[0].ending.is_some());
        assert!(branches[0]
            .filter
            .as_ref()
            .is_none_or(|f| f.needs.is_none()));
        // Anchored at the start too: the first byte and the length decide, as before.
        assert!(branches[1].ending.is_none());
        assert!(gate.admits("Cầu mới. (Ảnh: Hà Nội)"));
        assert!(!gate.admits("Ảnh: Minh Anh chụp ở cầu lúc 5 giờ sáng."));
        assert!(!gate.admits("Một dòng bình thường: Hà Nội"));
        agrees(
            p,
            &[
                "Cầu mới. Ảnh: Minh Anh",
                "Cầu mới. Ảnh: Minh Anh.",
                "[Nguồn: VTV]",
                "[Nguồn: VTV] hôm qua",
                "Ảnh: chụp",
                "Nguồn tin",
                "Theo Bộ Y tế",
                "Cầu mới. Theo Bộ Y tế",
            ],
        );
    }

    #[test]
    fn case_folding_beyond_ascii_is_kept() {
        // Under (?i), `s` also matches U+017F and `k` U+212A (Kelvin sign).
        agrees(r"(?i)^kỳ\s+họp$", &["\u{212A}ỳ họp", "KỲ HỌP"]);
        agrees(r"(?i)rights", &["all righTſ"]);
    }

    #[test]
    fn literal_searcher_ignores_ascii_case_only_and_takes_any_byte() {
        let literals = ["Reserved", "reſerved", "a.b(", "đ"]
            .iter()
            .map(|l| l.as_bytes().to_vec())
            .collect();
        let lits = literal_searcher(literals).unwrap();
        for line in ["All Rights RESERVED", "REſERVED", "xa.b(y", "Đđ"] {
            assert!(lits.is_match(line), "{line}");
        }
        for line in ["reserve", "reSerVe d", "axb(", "a.b", "Đ", "REſERVE"] {
            assert!(!lits.is_match(line), "{line}");
        }
    }

    #[test]
    fn literals_mark_the_lines_that_hold_them() {
        let lits = literal_searcher(vec![b"foo".to_vec(), b"-".to_vec()]).unwrap();
        let text = "a\nFOO foo-\n\nx\nxfoo";
        let starts = [0, 2, 11, 12, 14];
        let mut holds = [0];
        lits.mark_lines(text, &starts, &mut holds);
        assert_eq!(holds[0], 0b10010);
    }

    #[test]
    fn a_pattern_that_can_match_empty_admits_everything() {
        assert!(Gate::new(r"^\s*$").admits(""));
        assert!(Gate::new(r"x*").admits("abc"));
    }

    /// Every shipped rule's gate admits every seed line (and variants of it) its pattern matches.
    #[test]
    fn shipped_rules_never_lose_a_match() {
        let rules = builtin();
        let lines = crate::seed_line_variants();
        for rule in rules.rules().iter().filter(|r| !r.pattern.is_empty()) {
            for line in &lines {
                let same = rule.gate.is_match(&rule.regex, line) == rule.regex.is_match(line);
                assert!(same, "{}: {line:?}", rule.name);
                if rule.regex.is_match(line) {
                    assert!(rule.gate.admits(line), "{}: {line:?}", rule.name);
                }
            }
        }
    }

    fn builtin() -> &'static crate::RuleSet {
        static RULES: std::sync::OnceLock<crate::RuleSet> = std::sync::OnceLock::new();
        RULES.get_or_init(crate::RuleSet::builtin)
    }

    proptest::proptest! {
        #[test]
        fn gates_never_refuse_a_match(line in "[ a-zA-Z0-9ăđêôơưếờẢảſ\u{212A}©•*:().-]{0,40}") {
            let rules = builtin();
            for rule in rules.rules().iter().filter(|r| !r.pattern.is_empty()) {
                proptest::prop_assert_eq!(rule.gate.is_match(&rule.regex, &line), rule.regex.is_match(&line));
                if rule.regex.is_match(&line) {
                    proptest::prop_assert!(rule.gate.admits(&line), "{}: {:?}", rule.name, line);
                }
            }
        }
    }
}

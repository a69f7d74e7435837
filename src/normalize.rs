//! Text normalization that runs before any rule: rules are written against one canonical form of
//! the text, so the form the scraper happened to produce (a BOM, CRLF or CR line ends, decomposed
//! Vietnamese, trailing spaces) must never decide whether a rule matches.
//!
//! Nearly every document is canonical already, so the checks are written to cost little more than
//! reading the text once: a byte scan finds CRs, and the NFC test reads the text 32 bytes at a time
//! and decodes only the characters that may need NFC's attention (see [`first_unsafe`]). The few
//! documents that are not in NFC (decomposed Vietnamese, mostly) are composed one short segment at
//! a time, copying the text between segments as it is (see [`compose_from`]).

use std::borrow::Cow;
use std::sync::OnceLock;

use unicode_normalization::char::{canonical_combining_class, compose, decompose_canonical};
use unicode_normalization::{is_nfc_quick, IsNormalized};

/// Returns the canonical form of a document: no leading BOM, LF line ends, Unicode NFC, and no
/// trailing white space on any line. Borrows the input when it is already canonical.
pub fn normalize(input: &str) -> Cow<'_, str> {
    let text = input.strip_prefix('\u{FEFF}').unwrap_or(input);
    let mut out: Cow<'_, str> = Cow::Borrowed(text);
    if memchr::memchr(b'\r', out.as_bytes()).is_some() {
        out = Cow::Owned(unify_line_ends(&out));
    }
    if let Some(first) = first_unsafe(&out) {
        out = Cow::Owned(compose_from(&out, first));
    }
    if has_trailing_space(&out) {
        let mut trimmed = String::with_capacity(out.len());
        for (i, line) in out.split('\n').enumerate() {
            if i > 0 {
                trimmed.push('\n');
            }
            trimmed.push_str(line.trim_end());
        }
        out = Cow::Owned(trimmed);
    }
    out
}

/// `text` with each CRLF and each lone CR made an LF, in one pass that memchr takes from CR to CR.
fn unify_line_ends(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = String::with_capacity(text.len());
    let mut copied = 0;
    for at in memchr::memchr_iter(b'\r', bytes) {
        out.push_str(&text[copied..at]);
        out.push('\n');
        copied = match bytes.get(at + 1) {
            Some(b'\n') => at + 2,
            _ => at + 1,
        };
    }
    out.push_str(&text[copied..]);
    out
}

/// True when NFC keeps `c` as it is whatever surrounds it (quick check Yes, combining class 0).
///
/// Such a character is also a boundary NFC never works across: its decomposition begins with a
/// starter that composes with nothing before it, so neither the canonical reordering nor the
/// composition of the characters before it can involve it or anything after it (a test checks
/// this for every code point).
fn nfc_safe(c: char) -> bool {
    canonical_combining_class(c) == 0 && is_nfc_quick(std::iter::once(c)) == IsNormalized::Yes
}

/// Code points below this one have a bit in a [`SafeTable`] page; the few unsafe ones above it
/// (compatibility ideographs of plane 2 and the rest) are looked up directly.
const TABLE_END: u32 = 0x20000;

/// Code points per page of the table.
const PAGE: u32 = 0x1000;

/// One bit per code point below [`TABLE_END`], set when the code point is a character and
/// [`nfc_safe`]. Each page of 4096 code points is worked out the first time a character of it
/// is looked up: a corpus in one script touches a few pages of the 32, and working out all of
/// them cost every run as much as checking 20 MB of text.
struct SafeTable {
    pages: [OnceLock<Box<[u64]>>; (TABLE_END / PAGE) as usize],
}

impl SafeTable {
    /// True when `code` (below [`TABLE_END`]) is a character and [`nfc_safe`].
    #[inline]
    fn get(&self, code: u32) -> bool {
        let page = self.pages[(code / PAGE) as usize].get_or_init(|| {
            let first = code / PAGE * PAGE;
            let mut bits = vec![0u64; PAGE as usize / 64].into_boxed_slice();
            for offset in 0..PAGE {
                if char::from_u32(first + offset).is_some_and(nfc_safe) {
                    bits[offset as usize / 64] |= 1 << (offset % 64);
                }
            }
            bits
        });
        let offset = code % PAGE;
        page[offset as usize / 64] >> (offset % 64) & 1 == 1
    }
}

/// The table, shared by all threads.
fn safe_table() -> &'static SafeTable {
    static TABLE: SafeTable = SafeTable {
        pages: [const { OnceLock::new() }; (TABLE_END / PAGE) as usize],
    };
    &TABLE
}

/// The same as [`nfc_safe`], from the table where it can.
fn is_safe(c: char) -> bool {
    let code = c as u32;
    match code < TABLE_END {
        true => safe_table().get(code),
        false => nfc_safe(c),
    }
}

/// Every character below U+0300 (which UTF-8 writes with a first byte below 0xCC) is safe.
const FIRST_BYTE_OF_U0300: u8 = 0xCC;

/// True unless the byte `lead`, followed by `next`, surely does not begin an unsafe character:
/// false when `lead` is below 0xCC (ASCII, a continuation byte, or the first byte of a character
/// below U+0300) and when the two begin a character of U+1E00..U+1EFF (Latin Extended Additional,
/// where Vietnamese letters with two marks are, all safe: `E1` then `B8`..=`BB`).
///
/// It has no branches, so that the compiler checks a chunk of bytes with vector instructions.
#[inline(always)]
fn may_begin_unsafe(lead: u8, next: u8) -> bool {
    (lead >= FIRST_BYTE_OF_U0300) & !((lead == 0xE1) & (next & 0xFC == 0xB8))
}

/// Bytes that [`first_unsafe`] settles at once when none of them may begin an unsafe character.
const CHUNK: usize = 32;

/// Returns the byte offset of the first character of `text` that is not [`nfc_safe`], or `None`
/// when there is none (`text` is then in NFC).
fn first_unsafe(text: &str) -> Option<usize> {
    let bytes = text.as_bytes();
    let mut start = 0;
    while start + CHUNK < bytes.len() {
        // The chunk with the byte after it, which `may_begin_unsafe` reads for the last byte.
        let chunk = &bytes[start..=start + CHUNK];
        let mut any = false;
        for (&lead, &next) in chunk.iter().zip(&chunk[1..]) {
            any |= may_begin_unsafe(lead, next);
        }
        if any {
            if let Some(at) = first_unsafe_in(text, start, start + CHUNK) {
                return Some(at);
            }
        }
        start += CHUNK;
    }
    first_unsafe_in(text, start, bytes.len())
}

/// The offset of the first unsafe character that begins in `text[from..to]`, one character at a
/// time. Bytes that begin no character are below 0xCC and passed over like ASCII, so `from` may
/// fall inside a character.
fn first_unsafe_in(text: &str, from: usize, to: usize) -> Option<usize> {
    let bytes = text.as_bytes();
    let table = safe_table();
    let mut at = from;
    while at < to {
        let lead = bytes[at];
        // `text` is valid UTF-8, so the bytes of the character that `lead` begins are there.
        let (code, width) = match lead {
            0..FIRST_BYTE_OF_U0300 => {
                at += 1;
                continue;
            }
            0xCC..=0xDF => (
                u32::from(lead & 0x1F) << 6 | u32::from(bytes[at + 1] & 0x3F),
                2,
            ),
            0xE0..=0xEF => (
                u32::from(lead & 0x0F) << 12
                    | u32::from(bytes[at + 1] & 0x3F) << 6
                    | u32::from(bytes[at + 2] & 0x3F),
                3,
            ),
            _ => (char_at(text, at) as u32, 4),
        };
        let safe = match code < TABLE_END {
            true => table.get(code),
            false => nfc_safe(char_at(text, at)),
        };
        if !safe {
            return Some(at);
        }
        at += width;
    }
    None
}

/// The character that begins at `at`, which must be the first byte of one.
fn char_at(text: &str, at: usize) -> char {
    text[at..].chars().next().expect("a character begins here")
}

/// Returns the NFC of `text`, whose first unsafe character begins at `first`.
///
/// Safe characters cut the text into segments NFC handles one by one (see [`nfc_safe`]), so only
/// the segments that hold unsafe characters are composed, each from the safe character before its
/// first unsafe one (a base letter its marks may join) up to the next safe character; the text
/// between them is copied.
fn compose_from(text: &str, first: usize) -> String {
    let mut out = String::with_capacity(text.len());
    let mut composer = Composer::default();
    let mut copied = 0;
    let mut next_unsafe = Some(first);
    while let Some(at) = next_unsafe {
        let start = text[copied..at]
            .char_indices()
            .next_back()
            .map_or(at, |(i, _)| copied + i);
        let end = text[at..]
            .char_indices()
            .skip(1)
            .find(|&(_, c)| is_safe(c))
            .map_or(text.len(), |(i, _)| at + i);
        out.push_str(&text[copied..start]);
        composer.push_nfc(&text[start..end], &mut out);
        copied = end;
        next_unsafe = first_unsafe(&text[end..]).map(|i| end + i);
    }
    out.push_str(&text[copied..]);
    out
}

/// Buffers for composing segments, kept from one segment to the next.
#[derive(Default)]
struct Composer {
    /// The canonical decomposition of a segment, each character with its combining class.
    decomposed: Vec<(char, u8)>,
    composed: Vec<char>,
}

impl Composer {
    /// Appends the NFC of `segment` to `out`: the Unicode algorithm (UAX #15) of canonical
    /// decomposition, canonical ordering and canonical composition, on the tables of
    /// `unicode-normalization`.
    fn push_nfc(&mut self, segment: &str, out: &mut String) {
        let decomposed = &mut self.decomposed;
        decomposed.clear();
        for c in segment.chars() {
            decompose_canonical(c, |d| decomposed.push((d, canonical_combining_class(d))));
        }
        // Canonical ordering: a stable sort of each run of non-starters by combining class.
        for i in 1..decomposed.len() {
            let mut j = i;
            while j > 0 && decomposed[j].1 != 0 && decomposed[j - 1].1 > decomposed[j].1 {
                decomposed.swap(j - 1, j);
                j -= 1;
            }
        }
        // Canonical composition: each character joins the last starter unless blocked, that is
        // unless a character between them is a starter or has a class at least its own (after
        // ordering, the last such character tells).
        let composed = &mut self.composed;
        composed.clear();
        let mut starter: Option<usize> = None;
        let mut last_class_after_starter: Option<u8> = None;
        for &(c, class) in decomposed.iter() {
            if let Some(s) = starter {
                let blocked =
                    last_class_after_starter.is_some_and(|last| last == 0 || last >= class);
                if !blocked {
                    if let Some(joined) = compose(composed[s], c) {
                        composed[s] = joined;
                        continue;
                    }
                }
            }
            if class == 0 {
                starter = Some(composed.len());
                last_class_after_starter = None;
            } else {
                last_class_after_starter = Some(class);
            }
            composed.push(c);
        }
        out.extend(composed.iter());
    }
}

/// True when some line ends in white space (before its LF or at the end of the text).
fn has_trailing_space(text: &str) -> bool {
    let ends_in_space = |end: usize| match text.as_bytes()[..end].last() {
        None | Some(b'\n') => false,
        Some(&b) if b.is_ascii() => b.is_ascii_whitespace() || b == 0x0B,
        Some(_) => text[..end]
            .chars()
            .next_back()
            .is_some_and(char::is_whitespace),
    };
    memchr::memchr_iter(b'\n', text.as_bytes()).any(ends_in_space) || ends_in_space(text.len())
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use unicode_normalization::UnicodeNormalization;

    /// The canonical form as the definitions give it, with none of the shortcuts above.
    fn reference(input: &str) -> String {
        let text = input.strip_prefix('\u{FEFF}').unwrap_or(input);
        let text: String = text
            .replace("\r\n", "\n")
            .replace('\r', "\n")
            .nfc()
            .collect();
        text.split('\n')
            .map(str::trim_end)
            .collect::<Vec<_>>()
            .join("\n")
    }

    /// The NFC of `text` as [`normalize`] computes it.
    fn nfc(text: &str) -> String {
        first_unsafe(text).map_or_else(|| text.to_string(), |first| compose_from(text, first))
    }

    #[test]
    fn strips_bom_and_line_ends() {
        assert_eq!(normalize("\u{FEFF}a\r\nb\rc\n"), "a\nb\nc\n");
    }

    #[test]
    fn composes_decomposed_vietnamese() {
        let nfd: String = "Thời sự".nfd().collect();
        assert_ne!(nfd, "Thời sự");
        assert_eq!(normalize(&nfd), "Thời sự");
    }

    #[test]
    fn trims_trailing_space_only() {
        assert_eq!(normalize("  a  \n\tb\t\n"), "  a\n\tb\n");
        for space in [
            '\u{0B}', '\u{0C}', '\u{85}', '\u{A0}', '\u{3000}', '\u{2029}',
        ] {
            assert_eq!(
                normalize(&format!("a{space}\nb{space}")),
                "a\nb",
                "{space:?}"
            );
        }
        assert!(matches!(normalize("a\u{200B}\nb"), Cow::Borrowed(_)));
    }

    #[test]
    fn borrows_canonical_text() {
        assert!(matches!(normalize("Tin tức\nmới\n"), Cow::Borrowed(_)));
        let long = "Thời sự 한국어 “quotes” — 漢字 Ωμέγα Nguyễn Thị Ánh 😀\n".repeat(20);
        assert!(matches!(normalize(&long), Cow::Borrowed(_)));
    }

    /// What the scan skips without a look is safe: every character below U+0300, and all of
    /// Latin Extended Additional.
    #[test]
    fn characters_the_scan_skips_are_safe() {
        for c in ('\0'..'\u{300}').chain('\u{1E00}'..='\u{1EFF}') {
            assert!(nfc_safe(c), "{c:?}");
        }
    }

    /// Segments may be composed apart because every safe character is a boundary: it and the
    /// first character of its decomposition are starters, and that one composes with nothing
    /// before it (its quick check is not Maybe).
    #[test]
    fn safe_characters_begin_with_a_starter_that_joins_nothing_before_it() {
        for c in (0..=0x10FFFF)
            .filter_map(char::from_u32)
            .filter(|&c| nfc_safe(c))
        {
            let mut first = None;
            decompose_canonical(c, |d| {
                first.get_or_insert(d);
            });
            let first = first.expect("a decomposition is never empty");
            assert_eq!(canonical_combining_class(first), 0, "{c:?}");
            let quick = is_nfc_quick(std::iter::once(first));
            assert_ne!(quick, IsNormalized::Maybe, "{c:?}");
        }
    }

    /// The scan finds every unsafe character and only those, at every offset in a chunk and with
    /// every kind of byte after it: each code point is put after a run of ASCII or Vietnamese
    /// letters whose length depends on the code point.
    #[test]
    fn the_scan_finds_exactly_the_unsafe_characters() {
        let fillers = ["", "a", "ươ", "ệ", "Ở"];
        for c in (0..=0x10FFFF).filter_map(char::from_u32) {
            let code = c as usize;
            let before = "x".repeat(code % 41) + fillers[code % 5];
            let text = format!("{before}{c}{}ỹ", fillers[code / 5 % 5]);
            assert_eq!(is_safe(c), nfc_safe(c), "{c:?}");
            let expected = (!nfc_safe(c)).then_some(before.len());
            assert_eq!(first_unsafe(&text), expected, "{c:?} in {text:?}");
        }
    }

    /// The scan walks characters of every width in a row, across chunks, without losing step.
    #[test]
    fn the_scan_passes_all_safe_characters_in_a_row() {
        let safe: String = (0..=0x10FFFF)
            .filter_map(char::from_u32)
            .filter(|&c| nfc_safe(c))
            .collect();
        assert_eq!(first_unsafe(&safe), None);
        for (i, (at, _)) in safe.char_indices().step_by(9973).enumerate() {
            let mark = ['\u{301}', '\u{1D165}', '\u{2F800}', '\u{F73}', '\u{1161}'][i % 5];
            let text = format!("{}{mark}{}", &safe[..at], &safe[at..]);
            assert_eq!(first_unsafe(&text), Some(at), "{mark:?} at {at}");
        }
    }

    /// Every code point composes as `unicode-normalization` composes it: alone, after a base
    /// letter, before marks out of order, and decomposed with a mark put in that reorders and
    /// blocks. The cases for a block of code points are put in one text, apart from each other
    /// (a space is safe), and the block is named when a text differs.
    #[test]
    fn every_code_point_composes_as_unicode_normalization_does() {
        let chars: Vec<char> = (0..=0x10FFFF).filter_map(char::from_u32).collect();
        for block in chars.chunks(4096) {
            let mut text = String::new();
            for &c in block {
                let nfd: String = std::iter::once(c).nfd().collect();
                let mut nfd_marked: String = nfd.chars().take(1).collect();
                nfd_marked.push('\u{323}');
                nfd_marked.extend(nfd.chars().skip(1));
                text.extend([c, ' ', 'a', c, ' ', c, '\u{301}', '\u{323}', ' ']);
                text.push_str(&nfd);
                text.push(' ');
                text.push_str(&nfd_marked);
                text.push(' ');
            }
            let expected: String = text.nfc().collect();
            assert!(
                nfc(&text) == expected,
                "{:?}..={:?}",
                block[0],
                block[block.len() - 1]
            );
        }
    }

    #[test]
    fn composes_hard_cases_as_unicode_normalization_does() {
        for text in [
            "e\u{301}",
            "a\u{323}\u{302}",
            "a\u{302}\u{323}",
            "\u{1100}\u{1161}",
            "\u{1100}\u{1161}\u{11A8}",
            "\u{AC00}\u{11A8}",
            "\u{301}\u{301}a",
            "\u{B47}\u{B3E}",
            "\u{B47}\u{301}\u{B3E}",
            "\u{F73}\u{F71}\u{F72}",
            "\u{344}a\u{344}",
            "\u{915}\u{93C}",
            "\u{212B}\u{2126}\u{2000}",
            "\u{1D15E}\u{1D165}\u{2F800}",
            "o\u{31B}\u{300}o\u{300}\u{31B}",
        ] {
            assert_eq!(nfc(text), text.nfc().collect::<String>(), "{text:?}");
            assert_eq!(normalize(text), reference(text), "{text:?}");
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(2000))]

        #[test]
        fn mixed_text_normalizes_as_the_definitions_say(
            text in "[ a-zA-Z\r\n\t\u{FEFF}\u{A0}\u{3000}ĐđƯưỜờẫẪÀàéÉ\u{300}-\u{36F}\u{591}-\u{5C7}\
                     \u{1100}-\u{1112}\u{1161}-\u{1175}\u{11A8}-\u{11C2}가각\u{B47}\u{B3E}\u{B57}\
                     \u{F71}-\u{F73}\u{F80}\u{344}\u{958}\u{915}\u{93C}\u{2126}\u{212B}\u{3099}\
                     \u{309A}か\u{1E00}-\u{1EFF}\u{2000}-\u{2029}\u{1D15E}\u{1D165}\u{2F800}😀]{0,80}"
        ) {
            prop_assert_eq!(normalize(&text), reference(&text));
        }

        #[test]
        fn line_ends_become_lf_as_replacing_crlf_then_cr_does(text in "[a\r\n]{0,40}") {
            prop_assert_eq!(
                unify_line_ends(&text),
                text.replace("\r\n", "\n").replace('\r', "\n")
            );
        }

        #[test]
        fn any_text_normalizes_as_the_definitions_say(text in any::<String>()) {
            prop_assert_eq!(normalize(&text), reference(&text));
        }
    }
}

//! Text normalization that runs before any rule: rules are written against one canonical form of
//! the text, so the form the scraper happened to produce (a BOM, CRLF or CR line ends, decomposed
//! Vietnamese, trailing spaces) must never decide whether a rule matches.
//!
//! Nearly every document is canonical already, so the checks are written to cost little more than
//! reading the text once: a byte scan finds CRs, and the NFC test looks each character up in a
//! table of the Basic Multilingual Plane built once (see [`surely_nfc`]).

use std::borrow::Cow;
use std::sync::OnceLock;

use unicode_normalization::char::canonical_combining_class;
use unicode_normalization::{is_nfc_quick, IsNormalized, UnicodeNormalization};

/// Returns the canonical form of a document: no leading BOM, LF line ends, Unicode NFC, and no
/// trailing white space on any line. Borrows the input when it is already canonical.
pub fn normalize(input: &str) -> Cow<'_, str> {
    let text = input.strip_prefix('\u{FEFF}').unwrap_or(input);
    let mut out: Cow<'_, str> = Cow::Borrowed(text);
    if memchr::memchr(b'\r', out.as_bytes()).is_some() {
        out = Cow::Owned(out.replace("\r\n", "\n").replace('\r', "\n"));
    }
    if !surely_nfc(&out) && is_nfc_quick(out.chars()) != IsNormalized::Yes {
        out = Cow::Owned(out.nfc().collect());
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

/// True when every character of `text` has the NFC quick check property Yes and combining class
/// 0: such a text is in NFC. False says nothing; the full quick check then decides.
///
/// Each byte is looked up with the one after it (see [`pair_table`]): a byte that begins no
/// character, or begins one of a two-byte sequence, or of a three-byte block of 64 characters
/// that are all safe, is settled by that lookup alone, so the loop does not branch on the
/// characters of running text.
fn surely_nfc(text: &str) -> bool {
    let pairs = pair_table();
    let bytes = text.as_bytes();
    for (i, pair) in bytes.windows(2).enumerate() {
        match pairs[(pair[0] as usize) << 8 | pair[1] as usize] {
            SAFE => {}
            UNSAFE => return false,
            _ => {
                // `text` is valid UTF-8, so the character starting at `i` is whole.
                let c = text[i..].chars().next().expect("a character starts here");
                if !nfc_safe(c) {
                    return false;
                }
            }
        }
    }
    true
}

const SAFE: u8 = 0;
const UNSAFE: u8 = 1;
const CHECK: u8 = 2;

/// For every two bytes `a`, `b` (at index `a << 8 | b`): `SAFE` when no character that can begin
/// with them needs NFC's attention (also when `a` begins no character), `UNSAFE` when the two-byte
/// character they make does, `CHECK` when the character must be decoded to tell.
fn pair_table() -> &'static [u8; 65536] {
    static TABLE: OnceLock<Box<[u8; 65536]>> = OnceLock::new();
    TABLE.get_or_init(|| {
        let mut table = Box::new([SAFE; 65536]);
        for lead in 0xC0..=0xFFusize {
            for next in 0..=0xFFusize {
                let first = (lead as u32 & 0x1F) << 6 | (next as u32 & 0x3F);
                table[lead << 8 | next] = match lead {
                    0xC0..=0xDF => match char::from_u32(first).is_some_and(nfc_safe) {
                        true => SAFE,
                        false => UNSAFE,
                    },
                    0xE0..=0xEF => {
                        let base = (lead as u32 & 0x0F) << 12 | (next as u32 & 0x3F) << 6;
                        let block = (base..base + 64).filter_map(char::from_u32);
                        match block.clone().count() == 64 && block.into_iter().all(nfc_safe) {
                            true => SAFE,
                            false => CHECK,
                        }
                    }
                    _ => CHECK,
                };
            }
        }
        table
    })
}

/// True when NFC keeps `c` as it is whatever surrounds it (quick check Yes, combining class 0).
fn nfc_safe(c: char) -> bool {
    canonical_combining_class(c) == 0 && is_nfc_quick(std::iter::once(c)) == IsNormalized::Yes
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
    }

    /// The fast scan never calls a text NFC that is not, checked one character at a time over
    /// every code point, after a few others, and with combining marks out of order.
    #[test]
    fn fast_nfc_check_agrees_with_the_quick_check() {
        for code in 0..=0x10FFFFu32 {
            let Some(c) = char::from_u32(code) else {
                continue;
            };
            let text = format!("ab{c}");
            if surely_nfc(&text) {
                assert_eq!(is_nfc_quick(text.chars()), IsNormalized::Yes, "{code:X}");
            }
        }
        for text in [
            "e\u{301}",
            "a\u{323}\u{302}",
            "a\u{302}\u{323}",
            "\u{1100}\u{1161}",
        ] {
            assert!(!surely_nfc(text), "{text:?}");
            assert_eq!(normalize(text), text.nfc().collect::<String>());
        }
        assert!(surely_nfc("Thời sự 한국어 “quotes” — 漢字 Ωμέγα"));
    }
}

//! Text normalization that runs before any rule: rules are written against one canonical form of
//! the text, so the form the scraper happened to produce (a BOM, CRLF or CR line ends, decomposed
//! Vietnamese, trailing spaces) must never decide whether a rule matches.

use std::borrow::Cow;
use unicode_normalization::{is_nfc_quick, IsNormalized, UnicodeNormalization};

/// Returns the canonical form of a document: no leading BOM, LF line ends, Unicode NFC, and no
/// trailing white space on any line. Borrows the input when it is already canonical.
pub fn normalize(input: &str) -> Cow<'_, str> {
    let text = input.strip_prefix('\u{FEFF}').unwrap_or(input);
    let mut out: Cow<'_, str> = Cow::Borrowed(text);
    if out.contains('\r') {
        out = Cow::Owned(out.replace("\r\n", "\n").replace('\r', "\n"));
    }
    if !out.is_ascii() && is_nfc_quick(out.chars()) != IsNormalized::Yes {
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

/// True when some line ends in white space (before its LF or at the end of the text).
fn has_trailing_space(text: &str) -> bool {
    text.split('\n')
        .any(|line| line.chars().next_back().is_some_and(char::is_whitespace))
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
    }

    #[test]
    fn borrows_canonical_text() {
        assert!(matches!(normalize("Tin tức\nmới\n"), Cow::Borrowed(_)));
    }
}

//! The words of a document as the heuristics see them: maximal runs of word characters (what the
//! regex `\w+` finds), lowercased, each looked up once in one vocabulary that merges every
//! stopword list. The heuristics touch every word of every line, so this is written for speed: one
//! buffer per document instead of a string per word, one hash lookup per word instead of one per
//! word and language, and a plain character loop instead of a regex.

use std::collections::HashSet;
use std::ops::Range;

use foldhash::fast::RandomState;

/// The words of every stopword list, each with the set of lists (languages) that hold it.
#[derive(Debug, Clone)]
pub(crate) struct Vocabulary {
    ids: std::collections::HashMap<Box<str>, u32, RandomState>,
    /// For word `id`, the bits of its languages: `masks[id * width .. (id + 1) * width]`.
    masks: Vec<u64>,
    width: usize,
    languages: usize,
}

/// Marks a word that is in no list.
pub(crate) const NOT_LISTED: u32 = u32::MAX;

impl Vocabulary {
    /// Merges the lists; language `k` is `lists[k]`.
    pub(crate) fn new<'a>(lists: impl ExactSizeIterator<Item = &'a HashSet<String>>) -> Self {
        let languages = lists.len();
        let width = languages.div_ceil(64).max(1);
        let mut vocabulary = Vocabulary {
            ids: Default::default(),
            masks: Vec::new(),
            width,
            languages,
        };
        for (lang, words) in lists.enumerate() {
            for word in words {
                let next = vocabulary.ids.len() as u32;
                let id = *vocabulary.ids.entry(word.as_str().into()).or_insert(next);
                if id == next {
                    vocabulary.masks.extend(std::iter::repeat_n(0, width));
                }
                vocabulary.masks[id as usize * width + lang / 64] |= 1 << (lang % 64);
            }
        }
        vocabulary
    }

    /// The number of languages.
    pub(crate) fn languages(&self) -> usize {
        self.languages
    }

    /// The id of a lowercased word, or [`NOT_LISTED`].
    #[inline]
    fn id(&self, word: &str) -> u32 {
        self.ids.get(word).copied().unwrap_or(NOT_LISTED)
    }

    /// True when word `id` is in the list of language `lang`.
    #[inline]
    pub(crate) fn has(&self, id: u32, lang: usize) -> bool {
        id != NOT_LISTED
            && self.masks[id as usize * self.width + lang / 64] & (1 << (lang % 64)) != 0
    }

    /// Adds one to `hits[lang]` for every language whose list holds word `id`.
    #[inline]
    pub(crate) fn count(&self, id: u32, hits: &mut [usize]) {
        if id == NOT_LISTED {
            return;
        }
        let masks = &self.masks[id as usize * self.width..][..self.width];
        for (w, &mask) in masks.iter().enumerate() {
            let mut bits = mask;
            while bits != 0 {
                hits[w * 64 + bits.trailing_zeros() as usize] += 1;
                bits &= bits - 1;
            }
        }
    }
}

/// The lowercased words of a document's lines, in one buffer.
#[derive(Debug, Default)]
pub(crate) struct Words {
    /// Each word lowercased and followed by a space; a line's words are one slice of it, so two
    /// lines have the same words exactly when their slices are equal.
    text: String,
    /// The vocabulary id of each word, in order.
    ids: Vec<u32>,
}

/// Where one line's words lie in [`Words`].
#[derive(Debug, Clone, Default)]
pub(crate) struct LineWords {
    text: Range<usize>,
    ids: Range<usize>,
}

impl LineWords {
    /// The number of words.
    pub(crate) fn len(&self) -> usize {
        self.ids.len()
    }
}

impl Words {
    /// Splits `body` into words, as `\w+` would, and records them lowercased.
    pub(crate) fn push_line(&mut self, body: &str, vocabulary: &Vocabulary) -> LineWords {
        let (text_start, ids_start) = (self.text.len(), self.ids.len());
        let mut rest = body;
        while let Some(start) = rest.find(is_word_char) {
            let tail = &rest[start..];
            let end = tail.find(|c| !is_word_char(c)).unwrap_or(tail.len());
            let word_start = self.text.len();
            push_lowercase(&mut self.text, &tail[..end]);
            let id = vocabulary.id(&self.text[word_start..]);
            self.ids.push(id);
            self.text.push(' ');
            rest = &tail[end..];
        }
        LineWords {
            text: text_start..self.text.len(),
            ids: ids_start..self.ids.len(),
        }
    }

    /// The line's words, lowercased, each followed by a space.
    pub(crate) fn text(&self, line: &LineWords) -> &str {
        &self.text[line.text.clone()]
    }

    /// The vocabulary ids of the line's words.
    pub(crate) fn ids(&self, line: &LineWords) -> &[u32] {
        &self.ids[line.ids.clone()]
    }

    /// The vocabulary ids of every word of the document.
    pub(crate) fn all_ids(&self) -> &[u32] {
        &self.ids
    }
}

/// True for the characters of the regex class `\w` (Unicode): alphabetic, marks, decimal digits,
/// connector punctuation and join controls.
#[inline]
fn is_word_char(c: char) -> bool {
    if c.is_ascii() {
        c.is_ascii_alphanumeric() || c == '_'
    } else {
        regex_syntax::is_word_character(c)
    }
}

/// Appends `word` lowercased, exactly as `str::to_lowercase` would.
fn push_lowercase(out: &mut String, word: &str) {
    if word.is_ascii() {
        out.extend(word.bytes().map(|b| b.to_ascii_lowercase() as char));
    } else if word.contains('Σ') {
        // A final capital sigma lowercases by its context; leave that to the standard library.
        out.push_str(&word.to_lowercase());
    } else {
        out.extend(word.chars().flat_map(char::to_lowercase));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words_of(text: &str) -> Vec<String> {
        let vocabulary = Vocabulary::new(std::iter::empty());
        let mut words = Words::default();
        let line = words.push_line(text, &vocabulary);
        words
            .text(&line)
            .split_terminator(' ')
            .map(String::from)
            .collect()
    }

    #[test]
    fn words_are_what_the_regex_finds_lowercased() {
        let re = regex::Regex::new(r"\w+").unwrap();
        for text in [
            "Trang chủ > Thời SỰ",
            "ΟΔΟΣ Σ x_y ² ٣ a\u{301}b",
            "a\u{200d}b -- İstanbul ǅ",
            "",
            "!!",
        ] {
            let expected: Vec<String> = re
                .find_iter(text)
                .map(|m| m.as_str().to_lowercase())
                .collect();
            assert_eq!(words_of(text), expected, "{text:?}");
        }
    }

    #[test]
    fn each_word_is_counted_for_every_list_holding_it() {
        let vi: HashSet<String> = ["và", "là"].iter().map(|s| s.to_string()).collect();
        let en: HashSet<String> = ["a", "là"].iter().map(|s| s.to_string()).collect();
        let vocabulary = Vocabulary::new([&en, &vi].into_iter());
        let mut words = Words::default();
        let line = words.push_line("Là A và b", &vocabulary);
        let mut hits = vec![0; 2];
        for &id in words.ids(&line) {
            vocabulary.count(id, &mut hits);
        }
        assert_eq!(hits, vec![2, 2]);
        assert!(vocabulary.has(words.ids(&line)[2], 1));
        assert!(!vocabulary.has(words.ids(&line)[3], 0));
    }
}

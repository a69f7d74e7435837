//! The words of a document as the heuristics see them: maximal runs of word characters (what the
//! regex `\w+` finds), lowercased, each looked up once in one vocabulary that merges every
//! stopword list. The heuristics touch every byte of every line, so this is written for speed:
//! one pass over a line's bytes finds its words, lowercases them and measures the line; what each
//! character of the Basic Multilingual Plane is (word character or not, its lowercase, its width)
//! comes from a table built once from `regex_syntax` and the standard library, so it agrees with
//! them by construction; and short words are looked up by their bytes packed in an integer.

use std::collections::{HashMap, HashSet};
use std::ops::Range;
use std::sync::OnceLock;

use foldhash::fast::RandomState;

/// The words of every stopword list, each with the set of lists (languages) that hold it.
#[derive(Debug, Clone)]
pub(crate) struct Vocabulary {
    /// The ids of words of at most 8 bytes.
    short: PackedWords,
    /// The ids of longer words.
    long: HashMap<Box<[u8]>, u32, RandomState>,
    /// The length in bytes of the longest word; no longer word need be looked up.
    longest: usize,
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
        let mut ids: HashMap<&str, u32> = HashMap::new();
        let mut masks = Vec::new();
        for (lang, words) in lists.enumerate() {
            for word in words {
                let next = ids.len() as u32;
                let id = *ids.entry(word.as_str()).or_insert(next);
                if id == next {
                    masks.extend(std::iter::repeat_n(0, width));
                }
                masks[id as usize * width + lang / 64] |= 1 << (lang % 64);
            }
        }
        let mut short = Vec::new();
        let mut long = HashMap::default();
        for (word, &id) in &ids {
            match pack(word.as_bytes()) {
                Some(key) => short.push((key, id)),
                None => {
                    long.insert(word.as_bytes().into(), id);
                }
            }
        }
        Vocabulary {
            short: PackedWords::new(&short),
            long,
            longest: ids.keys().map(|w| w.len()).max().unwrap_or(0),
            masks,
            width,
            languages,
        }
    }

    /// The number of languages.
    pub(crate) fn languages(&self) -> usize {
        self.languages
    }

    /// The id of a lowercased word, or [`NOT_LISTED`]; `key` is `pack(word)` when that is some.
    #[inline]
    fn id(&self, word: &[u8], key: u64) -> u32 {
        if word.len() <= 8 {
            self.short.get(key)
        } else if word.len() > self.longest {
            NOT_LISTED
        } else {
            self.long.get(word).copied().unwrap_or(NOT_LISTED)
        }
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

/// The bytes of a word of 1 to 8 bytes in one integer, the first byte highest (the last is the
/// lowest byte); `None` for longer (or empty) words. No word holds a zero byte, so two words
/// differ exactly when their packs do.
#[inline]
fn pack(word: &[u8]) -> Option<u64> {
    if word.is_empty() || word.len() > 8 {
        return None;
    }
    Some(word.iter().fold(0, |key, &b| key << 8 | b as u64))
}

/// How many packed words one bucket of [`PackedWords`] holds: 64 bytes, one cache line.
const BUCKET: usize = 8;

/// A hash table from packed words to ids, for lookups without a branch on their outcome (which is
/// as unpredictable as the text): a word hashes, by one integer multiply, to a bucket whose keys
/// are all compared. The multiplier is chosen so that no bucket overflows.
#[derive(Debug, Clone)]
struct PackedWords {
    /// The packed words of each bucket; 0 marks an empty place.
    keys: Box<[[u64; BUCKET]]>,
    /// The ids of each bucket's words, then NOT_LISTED.
    ids: Box<[[u32; BUCKET + 1]]>,
    multiplier: u64,
    /// 64 minus the log2 of the number of buckets.
    shift: u32,
}

impl PackedWords {
    fn new(entries: &[(u64, u32)]) -> Self {
        // At least two buckets, so the shift is below 64.
        let mut buckets = entries
            .len()
            .div_ceil(BUCKET / 2)
            .next_power_of_two()
            .max(2);
        // Odd multipliers from a fixed sequence, so the table is the same on every run.
        let mut multiplier = 0x9E37_79B9_7F4A_7C15u64;
        loop {
            for _ in 0..16 {
                if let Some(table) = PackedWords::fill(entries, buckets, multiplier) {
                    return table;
                }
                multiplier = multiplier.wrapping_add(0x6A09_E667_F3BC_C908) | 1;
            }
            buckets *= 2;
        }
    }

    /// The table with `buckets` buckets (a power of two) and this multiplier, or `None` when a
    /// bucket would overflow.
    fn fill(entries: &[(u64, u32)], buckets: usize, multiplier: u64) -> Option<Self> {
        let mut table = PackedWords {
            keys: vec![[0; BUCKET]; buckets].into(),
            ids: vec![[NOT_LISTED; BUCKET + 1]; buckets].into(),
            multiplier,
            shift: 64 - buckets.trailing_zeros(),
        };
        for &(key, id) in entries {
            let bucket = table.bucket(key);
            let place = table.keys[bucket].iter().position(|&k| k == 0)?;
            table.keys[bucket][place] = key;
            table.ids[bucket][place] = id;
        }
        Some(table)
    }

    #[inline]
    fn bucket(&self, key: u64) -> usize {
        (key.wrapping_mul(self.multiplier) >> self.shift) as usize
    }

    /// The id of packed word `key`, or [`NOT_LISTED`].
    #[inline]
    fn get(&self, key: u64) -> u32 {
        let bucket = self.bucket(key);
        // The places holding `key` as bits, and a bit past them all, whose id is NOT_LISTED.
        let found = self.keys[bucket]
            .iter()
            .enumerate()
            .fold(1 << BUCKET, |found, (place, &k)| {
                found | ((k == key) as u32) << place
            });
        self.ids[bucket][found.trailing_zeros() as usize]
    }
}

/// The lowercased words of a document's lines, in one buffer.
#[derive(Debug, Default)]
pub(crate) struct Words {
    /// Each word lowercased (UTF-8) and followed by a space; a line's words are one slice of it,
    /// so two lines have the same words exactly when their slices are equal.
    text: Vec<u8>,
    /// The vocabulary id of each word, in order.
    ids: Vec<u32>,
}

/// Where one line's words lie in [`Words`], and the line's length.
#[derive(Debug, Clone, Default)]
pub(crate) struct LineWords {
    text: Range<usize>,
    ids: Range<usize>,
    weighted_len: usize,
}

impl LineWords {
    /// The number of words.
    pub(crate) fn len(&self) -> usize {
        self.ids.len()
    }

    /// The [`weighted_len`] of the line.
    pub(crate) fn weighted_len(&self) -> usize {
        self.weighted_len
    }
}

impl Words {
    /// Splits `body` into words, as `\w+` would, records them lowercased (as `str::to_lowercase`
    /// would) and measures `body` as [`weighted_len`] does.
    pub(crate) fn push_line(&mut self, body: &str, vocabulary: &Vocabulary) -> LineWords {
        let table = char_table();
        let bytes = body.as_bytes();
        let (text_start, ids_start) = (self.text.len(), self.ids.len());
        let mut weighted_len = 0;
        // While in a word: where it starts in `body` and in `self.text`, its lowercase so far
        // packed as by `pack` (while it is short), and the union of its characters' classes.
        let mut in_word = false;
        let (mut word_start, mut word_text_start, mut key, mut classes) = (0, 0, 0u64, 0u32);
        let mut i = 0;
        while i < bytes.len() {
            let (class, width) = table.class_at(bytes, i);
            weighted_len += 1 + (class >> WIDE_SHIFT & 1) as usize * 2;
            if class & WORD != 0 {
                if !in_word {
                    in_word = true;
                    (word_start, word_text_start, key, classes) = (i, self.text.len(), 0, 0);
                }
                classes |= class;
                // Three bytes are written and the extra ones dropped: a copy of fixed length.
                let lower = class & 0xFF_FFFF;
                let len = (class >> LEN_SHIFT & 3) as usize;
                self.text.extend_from_slice(&lower.to_le_bytes()[..3]);
                self.text.truncate(self.text.len() - 3 + len);
                key = key << (8 * len) | (lower.swap_bytes() as u64) >> (8 * (4 - len));
            } else if in_word {
                in_word = false;
                self.end_word(
                    &body[word_start..i],
                    word_text_start,
                    key,
                    classes,
                    vocabulary,
                );
            }
            i += width;
        }
        if in_word {
            self.end_word(
                &body[word_start..],
                word_text_start,
                key,
                classes,
                vocabulary,
            );
        }
        LineWords {
            text: text_start..self.text.len(),
            ids: ids_start..self.ids.len(),
            weighted_len,
        }
    }

    /// Finishes `word`, whose lowercase has been written from `text_start` on and packed in
    /// `key` (while short) unless the union of its characters' `classes` says [`BY_STD`].
    #[inline]
    fn end_word(
        &mut self,
        word: &str,
        text_start: usize,
        mut key: u64,
        classes: u32,
        vocabulary: &Vocabulary,
    ) {
        if classes & BY_STD != 0 {
            self.text.truncate(text_start);
            push_lowercase(&mut self.text, word);
            key = pack(&self.text[text_start..]).unwrap_or(0);
        }
        let id = vocabulary.id(&self.text[text_start..], key);
        self.ids.push(id);
        self.text.push(b' ');
    }

    /// The line's words, lowercased (UTF-8), each followed by a space.
    pub(crate) fn text(&self, line: &LineWords) -> &[u8] {
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

/// Appends `word` lowercased, exactly as `str::to_lowercase` would.
fn push_lowercase(out: &mut Vec<u8>, word: &str) {
    if word.contains('Σ') {
        // A final capital sigma lowercases by its context; leave that to the standard library.
        out.extend_from_slice(word.to_lowercase().as_bytes());
    } else {
        for c in word.chars().flat_map(char::to_lowercase) {
            out.extend_from_slice(c.encode_utf8(&mut [0; 4]).as_bytes());
        }
    }
}

/// Length in characters, CJK ideographs, kana and Hangul counting 3 (about a short word each).
pub(crate) fn weighted_len(text: &str) -> usize {
    // Every wide character is encoded in three bytes led by 0xE3..=0xEF; without such a byte the
    // length is the plain character count, which std counts fast.
    if !text.bytes().any(|b| (0xE3..=0xEF).contains(&b)) {
        return text.chars().count();
    }
    text.chars().map(|c| if is_wide(c) { 3 } else { 1 }).sum()
}

/// True for CJK ideographs, kana and Hangul syllables, which carry about a short word each.
fn is_wide(c: char) -> bool {
    matches!(c as u32, 0x3040..=0x30FF | 0x3400..=0x9FFF | 0xAC00..=0xD7AF | 0xF900..=0xFAFF)
}

// What a character is to the words, in one `u32`: the flags below, and for a word character
// whose lowercase is one character of at most 3 bytes (and not context-dependent), that
// lowercase's UTF-8 bytes (first byte lowest) and their number at `LEN_SHIFT`.

/// The character is a word character (matches `\w`).
const WORD: u32 = 1 << 31;
/// The word holding the character is lowercased by `str::to_lowercase`: the character's lowercase
/// is not one character of at most 3 bytes, or depends on its context (capital sigma), or the
/// character lies outside the Basic Multilingual Plane.
const BY_STD: u32 = 1 << 30;
/// The character counts 3 in [`weighted_len`].
const WIDE: u32 = 1 << WIDE_SHIFT;
const WIDE_SHIFT: u32 = 29;
const LEN_SHIFT: u32 = 24;

/// The class of each ASCII character: letters, digits and `_` are word characters.
const ASCII_CLASSES: [u32; 128] = {
    let mut table = [0; 128];
    let mut b = 0;
    while b < 128 {
        let c = b as u8;
        if c.is_ascii_alphanumeric() || c == b'_' {
            table[b] = WORD | 1 << LEN_SHIFT | c.to_ascii_lowercase() as u32;
        }
        b += 1;
    }
    table
};

/// The class of every character of the Basic Multilingual Plane, by blocks of 256 characters;
/// identical blocks are stored once.
struct CharTable {
    /// For each block (code point >> 8), the offset of its classes in `classes`.
    blocks: [u32; 256],
    classes: Vec<u32>,
}

/// The table, built on first use (a few milliseconds).
fn char_table() -> &'static CharTable {
    static TABLE: OnceLock<CharTable> = OnceLock::new();
    TABLE.get_or_init(CharTable::new)
}

impl CharTable {
    fn new() -> Self {
        let mut table = CharTable {
            blocks: [0; 256],
            classes: Vec::new(),
        };
        let mut seen: HashMap<Vec<u32>, u32> = HashMap::new();
        for block in 0..256u32 {
            let classes: Vec<u32> = (block << 8..(block + 1) << 8)
                .map(|c| char::from_u32(c).map_or(0, class_of))
                .collect();
            table.blocks[block as usize] = *seen.entry(classes).or_insert_with_key(|classes| {
                let offset = table.classes.len() as u32;
                table.classes.extend_from_slice(classes);
                offset
            });
        }
        table
    }

    /// The class of the character starting at `bytes[i]`, and its length in bytes. `bytes` must
    /// be UTF-8 and `i` the start of a character.
    #[inline(always)]
    fn class_at(&self, bytes: &[u8], i: usize) -> (u32, usize) {
        let lead = bytes[i] as u32;
        let (c, width) = if lead < 0x80 {
            return (ASCII_CLASSES[lead as usize], 1);
        } else if lead < 0xE0 {
            ((lead & 0x1F) << 6 | (bytes[i + 1] as u32 & 0x3F), 2)
        } else if lead < 0xF0 {
            let c = (lead & 0x0F) << 12
                | (bytes[i + 1] as u32 & 0x3F) << 6
                | (bytes[i + 2] as u32 & 0x3F);
            (c, 3)
        } else {
            let c = (lead & 0x07) << 18
                | (bytes[i + 1] as u32 & 0x3F) << 12
                | (bytes[i + 2] as u32 & 0x3F) << 6
                | (bytes[i + 3] as u32 & 0x3F);
            let word = char::from_u32(c).is_some_and(regex_syntax::is_word_character);
            return (if word { WORD | BY_STD } else { 0 }, 4);
        };
        let offset = self.blocks[(c >> 8) as usize & 0xFF] as usize;
        (self.classes[offset + (c & 0xFF) as usize], width)
    }
}

/// The class of one character, from `regex_syntax` and the standard library.
fn class_of(c: char) -> u32 {
    let wide = if is_wide(c) { WIDE } else { 0 };
    if !regex_syntax::is_word_character(c) {
        return wide;
    }
    let mut lower = c.to_lowercase();
    match (lower.next(), lower.next()) {
        (Some(l), None) if c != 'Σ' && l.len_utf8() <= 3 => {
            let mut bytes = [0; 4];
            l.encode_utf8(&mut bytes);
            WORD | wide | (l.len_utf8() as u32) << LEN_SHIFT | u32::from_le_bytes(bytes)
        }
        _ => WORD | wide | BY_STD,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words_of(text: &str) -> Vec<String> {
        let vocabulary = Vocabulary::new(std::iter::empty());
        let mut words = Words::default();
        let line = words.push_line(text, &vocabulary);
        std::str::from_utf8(words.text(&line))
            .unwrap()
            .split_terminator(' ')
            .map(String::from)
            .collect()
    }

    fn regex_words(text: &str) -> Vec<String> {
        let re = regex::Regex::new(r"\w+").unwrap();
        re.find_iter(text)
            .map(|m| m.as_str().to_lowercase())
            .collect()
    }

    #[test]
    fn words_are_what_the_regex_finds_lowercased() {
        for text in [
            "Trang chủ > Thời SỰ",
            "ΟΔΟΣ Σ x_y ² ٣ a\u{301}b",
            "a\u{200d}b -- İstanbul ǅ",
            "ΣΑΣ.ΑΣ Ⱥ𐐀x 😀a𝐀b 中文한국어",
            "",
            "!!",
        ] {
            assert_eq!(words_of(text), regex_words(text), "{text:?}");
        }
    }

    #[test]
    fn every_character_is_classed_as_the_regex_and_std_class_it() {
        for c in (0..=0x10FFFF).filter_map(char::from_u32) {
            let mut buf = [0; 4];
            let bytes = c.encode_utf8(&mut buf).as_bytes();
            let word = regex_syntax::is_word_character(c);
            let (class, width) = char_table().class_at(bytes, 0);
            assert_eq!(width, bytes.len(), "{c:?}");
            assert_eq!(class & WORD != 0, word, "{c:?}");
            assert_eq!(class & WIDE != 0, is_wide(c), "{c:?}");
            if word && class & BY_STD == 0 {
                let len = (class >> LEN_SHIFT) as usize & 3;
                let expected: String = c.to_lowercase().collect();
                assert_eq!(&class.to_le_bytes()[..len], expected.as_bytes(), "{c:?}");
            }
            if c.is_ascii() {
                assert!(class & BY_STD == 0, "{c:?}");
            }
        }
    }

    #[test]
    fn all_characters_in_a_row_split_and_lowercase_as_the_regex_and_std_do() {
        let every: String = (0..=0x10FFFF).filter_map(char::from_u32).collect();
        assert_eq!(words_of(&every), regex_words(&every));
        let vocabulary = Vocabulary::new(std::iter::empty());
        let line = Words::default().push_line(&every, &vocabulary);
        assert_eq!(line.weighted_len(), weighted_len(&every));
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

    #[test]
    fn short_and_long_words_are_found_and_others_are_not() {
        let list: HashSet<String> = ["a", "abcdefgh", "abcdefghi", "приблизительно", "ß"]
            .iter()
            .map(|s| s.to_string())
            .collect();
        let vocabulary = Vocabulary::new([&list].into_iter());
        let mut words = Words::default();
        let text = "A ABCDEFGH abcdefghi Приблизительно SS ẞ ab abcdefg abcdefghij приблизительн";
        let line = words.push_line(text, &vocabulary);
        let found: Vec<bool> = words
            .ids(&line)
            .iter()
            .map(|&id| vocabulary.has(id, 0))
            .collect();
        assert_eq!(
            found,
            [true, true, true, true, false, true, false, false, false, false]
        );
    }
}

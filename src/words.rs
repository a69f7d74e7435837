//! The words of a document as the heuristics see them: maximal runs of word characters (what the
//! regex `\w+` finds), lowercased, each looked up once in one vocabulary that merges every
//! stopword list. The heuristics touch every byte of every line, so this is written for speed.
//! A line is first cut, eight bytes at a time, into runs of bytes that are ASCII word characters
//! or not ASCII at all; a run of at most 8 bytes whose non-ASCII characters are all word
//! characters with a lowercase of their own length (nearly every word of Vietnamese text) is one
//! word, lowercased in a `u64` that is also its key in a perfect hash table; a run of 9 to 16
//! bytes of the same kind goes the same way in a `u128` and is looked up among the longer words.
//! Other runs go character by character. What each character of the Basic Multilingual Plane
//! is (word character or not, its lowercase) comes from a table built once from `regex_syntax`
//! and the standard library, so it agrees with them by construction; whatever the table cannot
//! say is left to `str::to_lowercase`.
//!
//! The lowercased words themselves are not kept: only each word's vocabulary id and, per line, a
//! hash of its lowercased words, folded from the `u64` (or `u128`) the word was lowercased in.
//! Lines with equal hashes are compared exactly by spelling their words out again
//! ([`Words::same_words`]), which is rare (repeated lines are few) and needs no buffer of the
//! whole document's words.

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
    /// For word `id`, its row `lanes[id * width .. (id + 1) * width]`: one byte (lane) per
    /// language, 1 when the word is in that language's list, 0 otherwise; the lane of language
    /// `k` is byte `k % 8` (the lowest first) of `u64` `k / 8` of the row. Adding rows counts
    /// the words of every language at once.
    lanes: Vec<u64>,
    width: usize,
    languages: usize,
}

/// The id of every word that is in no list; its row of `lanes` is all zero.
pub(crate) const NOT_LISTED: u32 = 0;

impl Vocabulary {
    /// Merges the lists; language `k` is `lists[k]`.
    pub(crate) fn new<'a>(lists: impl ExactSizeIterator<Item = &'a HashSet<String>>) -> Self {
        let languages = lists.len();
        let width = languages.div_ceil(8).max(1);
        let mut ids: HashMap<&str, u32> = HashMap::new();
        let mut lanes = vec![0; width];
        for (lang, words) in lists.enumerate() {
            for word in words {
                let next = ids.len() as u32 + 1;
                let id = *ids.entry(word.as_str()).or_insert(next);
                if id == next {
                    lanes.extend(std::iter::repeat_n(0, width));
                }
                lanes[id as usize * width + lang / 8] |= 1 << (8 * (lang % 8));
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
            lanes,
            width,
            languages,
        }
    }

    /// The id of a lowercased word, or [`NOT_LISTED`]; `key` is `pack(word)` when that is some.
    #[inline(always)]
    fn id(&self, word: &[u8], key: u64) -> u32 {
        if word.len() <= 8 {
            self.short.get(key)
        } else {
            self.long_id(word)
        }
    }

    /// The id of a lowercased word of more than 8 bytes, or [`NOT_LISTED`].
    #[inline(never)]
    fn long_id(&self, word: &[u8]) -> u32 {
        if word.len() > self.longest {
            return NOT_LISTED;
        }
        self.long.get(word).copied().unwrap_or(NOT_LISTED)
    }

    /// True when word `id` is in the list of language `lang`.
    #[inline]
    pub(crate) fn has(&self, id: u32, lang: usize) -> bool {
        self.lanes[id as usize * self.width + lang / 8] >> (8 * (lang % 8)) & 1 != 0
    }

    /// How many of the words `ids` are in the list of language `lang`.
    pub(crate) fn hits(&self, ids: &[u32], lang: usize) -> usize {
        ids.iter().map(|&id| self.has(id, lang) as usize).sum()
    }

    /// For each language, how many of the words `ids` are in its list.
    pub(crate) fn hits_by_language(&self, ids: &[u32]) -> Vec<usize> {
        let mut hits = vec![0; self.languages];
        match self.width {
            2 => self.add_hits::<2>(ids, 0, &mut hits),
            width => (0..width).for_each(|first| self.add_hits::<1>(ids, first, &mut hits)),
        }
        hits
    }

    /// Counts the stopwords of a document whose lines have the words `lines` (ids), reading each
    /// word once: per language over the whole document, and per line as the sum of its words'
    /// rows, from which [`Vocabulary::line_hits`] reads the count of the document's language
    /// once that is known, without a second pass over the words.
    pub(crate) fn count_lines<'a>(
        &self,
        lines: impl ExactSizeIterator<Item = &'a [u32]>,
    ) -> LineHits {
        match self.width {
            1 => self.count_lines_of::<1>(lines),
            2 => self.count_lines_of::<2>(lines),
            3 => self.count_lines_of::<3>(lines),
            4 => self.count_lines_of::<4>(lines),
            5 => self.count_lines_of::<5>(lines),
            _ => self.count_lines_of::<0>(lines),
        }
    }

    /// [`Vocabulary::count_lines`] for rows of `W` `u64`s (the common widths, summed in
    /// registers), or of any width when `W` is 0.
    fn count_lines_of<'a, const W: usize>(
        &self,
        lines: impl ExactSizeIterator<Item = &'a [u32]>,
    ) -> LineHits {
        let width = self.width;
        let mut by_language = vec![0; self.languages];
        let mut lanes: Vec<u64> = Vec::with_capacity(lines.len() * width);
        // The lanes of lines not yet added to `by_language`: of no more words than a lane counts.
        let mut pending = vec![0u64; width];
        let mut pending_words = 0;
        for ids in lines {
            let start = lanes.len();
            if ids.len() > u8::MAX as usize {
                // Its lanes could overflow: counted apart, now and by `line_hits`.
                let hits = self.hits_by_language(ids);
                by_language.iter_mut().zip(hits).for_each(|(n, h)| *n += h);
                lanes.resize(start + width, 0);
                continue;
            }
            if W == 0 {
                lanes.resize(start + width, 0);
                for &id in ids {
                    let row = &self.lanes[id as usize * width..(id as usize + 1) * width];
                    lanes[start..]
                        .iter_mut()
                        .zip(row)
                        .for_each(|(s, l)| *s += l);
                }
            } else {
                let mut sums = [0u64; W];
                for &id in ids {
                    let row = &self.lanes[id as usize * W..(id as usize + 1) * W];
                    sums.iter_mut().zip(row).for_each(|(s, l)| *s += l);
                }
                lanes.extend_from_slice(&sums);
            }
            if pending_words + ids.len() > u8::MAX as usize {
                add_lanes(&mut pending, &mut by_language);
                pending_words = 0;
            }
            pending_words += ids.len();
            pending
                .iter_mut()
                .zip(&lanes[start..])
                .for_each(|(p, s)| *p += s);
        }
        add_lanes(&mut pending, &mut by_language);
        LineHits { by_language, lanes }
    }

    /// How many of the words of line `line` of `hits`, whose ids are `ids`, are in the list of
    /// language `lang`.
    #[inline]
    pub(crate) fn line_hits(
        &self,
        hits: &LineHits,
        line: usize,
        ids: &[u32],
        lang: usize,
    ) -> usize {
        if ids.len() > u8::MAX as usize {
            return self.hits(ids, lang);
        }
        (hits.lanes[line * self.width + lang / 8] >> (8 * (lang % 8)) & 0xFF) as usize
    }

    /// Adds to `hits` how many of the words `ids` are in the list of each language whose lane
    /// lies in `u64`s `first .. first + W` of the rows.
    #[inline]
    fn add_hits<const W: usize>(&self, ids: &[u32], first: usize, hits: &mut [usize]) {
        // Lanes are summed in place, so no more rows are added than a lane can count.
        for chunk in ids.chunks(u8::MAX as usize) {
            let mut sums = [0u64; W];
            for &id in chunk {
                let row = id as usize * self.width + first;
                for (sum, lanes) in sums.iter_mut().zip(&self.lanes[row..row + W]) {
                    *sum += lanes;
                }
            }
            let languages = hits.iter_mut().skip(first * 8).take(W * 8);
            for (k, hits) in languages.enumerate() {
                *hits += (sums[k / 8] >> (8 * (k % 8)) & 0xFF) as usize;
            }
        }
    }
}

/// The stopwords of a document's lines, counted by [`Vocabulary::count_lines`].
#[derive(Debug)]
pub(crate) struct LineHits {
    /// For each language, how many words of the document are in its list.
    pub(crate) by_language: Vec<usize>,
    /// For each line, the sum of its words' rows of [`Vocabulary::lanes`]; all zero for a line
    /// of more words than a lane counts.
    lanes: Vec<u64>,
}

/// Adds the counts in lanes `lanes` (of rows of [`Vocabulary::lanes`]) to `hits`, language by
/// language, and clears them.
fn add_lanes(lanes: &mut [u64], hits: &mut [usize]) {
    for (k, hits) in hits.iter_mut().enumerate() {
        *hits += (lanes[k / 8] >> (8 * (k % 8)) & 0xFF) as usize;
    }
    lanes.fill(0);
}

/// The bytes of a word of 1 to 8 bytes in one integer, the first byte lowest (as a little-endian
/// load reads them), the rest zero; `None` for longer (or empty) words. No word holds a zero
/// byte, so two words differ exactly when their packs do.
#[inline]
fn pack(word: &[u8]) -> Option<u64> {
    if word.is_empty() || word.len() > 8 {
        return None;
    }
    Some(word.iter().rev().fold(0, |key, &b| key << 8 | b as u64))
}

/// A perfect hash table from packed words to ids: a lookup reads one displacement and one slot
/// and compares one key, without a branch on the outcome (which is as unpredictable as the text).
/// A word's group (by one multiply) gives a displacement that, mixed into the word, places it
/// (by a second multiply) in its own slot; displacements are chosen when the table is built so
/// that no two words share a slot.
#[derive(Debug, Clone)]
struct PackedWords {
    displacements: Box<[u32]>,
    slots: Box<[Slot]>,
    group_shift: u32,
    slot_shift: u32,
    multiplier: u64,
}

/// A packed word (0 when the slot is empty) and its id.
#[derive(Debug, Clone, Copy)]
struct Slot {
    key: u64,
    id: u32,
}

const EMPTY: Slot = Slot {
    key: 0,
    id: NOT_LISTED,
};

impl PackedWords {
    fn new(entries: &[(u64, u32)]) -> Self {
        // At least two groups and two slots, so the shifts are below 64; slots at most half full.
        let mut groups = (entries.len() / 4).next_power_of_two().max(2);
        let mut slots = (entries.len() * 2).next_power_of_two().max(2);
        // Odd multipliers from a fixed sequence, so the table is the same on every run.
        let mut multiplier = 0x9E37_79B9_7F4A_7C15u64;
        loop {
            for _ in 0..8 {
                if let Some(table) = PackedWords::build(entries, groups, slots, multiplier) {
                    return table;
                }
                multiplier = multiplier.wrapping_add(0x6A09_E667_F3BC_C908) | 1;
            }
            groups *= 2;
            slots *= 2;
        }
    }

    /// The table with these sizes (powers of two) and multiplier, or `None` when some group
    /// finds no displacement (under 2^16 tried) that places its words in free slots.
    fn build(entries: &[(u64, u32)], groups: usize, slots: usize, multiplier: u64) -> Option<Self> {
        let mut table = PackedWords {
            displacements: vec![0; groups].into(),
            slots: vec![EMPTY; slots].into(),
            group_shift: 64 - groups.trailing_zeros(),
            slot_shift: 64 - slots.trailing_zeros(),
            multiplier,
        };
        let mut members: Vec<Vec<(u64, u32)>> = vec![Vec::new(); groups];
        for &(key, id) in entries {
            members[table.group(key)].push((key, id));
        }
        // The largest groups first, while most slots are free; ties by group number.
        let mut order: Vec<usize> = (0..groups).collect();
        order.sort_by_key(|&g| std::cmp::Reverse(members[g].len()));
        let mut taken = vec![false; slots];
        for g in order.into_iter().take_while(|&g| !members[g].is_empty()) {
            let displacement = (0..1 << 16).find(|&d| {
                let mut places: Vec<usize> = members[g]
                    .iter()
                    .map(|&(key, _)| table.slot(key, d))
                    .collect();
                places.sort_unstable();
                places.dedup();
                places.len() == members[g].len() && places.iter().all(|&p| !taken[p])
            })?;
            table.displacements[g] = displacement;
            for &(key, id) in &members[g] {
                let place = table.slot(key, displacement);
                taken[place] = true;
                table.slots[place] = Slot { key, id };
            }
        }
        Some(table)
    }

    #[inline(always)]
    fn group(&self, key: u64) -> usize {
        (key.wrapping_mul(self.multiplier) >> self.group_shift) as usize
    }

    #[inline(always)]
    fn slot(&self, key: u64, displacement: u32) -> usize {
        let mixed = key ^ (displacement as u64).wrapping_mul(0xD6E8_FEB8_6659_FD93);
        (mixed.wrapping_mul(0xA076_1D64_78BD_642F) >> self.slot_shift) as usize
    }

    /// The id of packed word `key`, or [`NOT_LISTED`].
    #[inline(always)]
    fn get(&self, key: u64) -> u32 {
        let slot = self.slots[self.slot(key, self.displacements[self.group(key)])];
        std::hint::select_unpredictable(slot.key == key, slot.id, NOT_LISTED)
    }
}

/// The words of a document's lines: their vocabulary ids in one buffer, and a hash per line.
#[derive(Debug, Default)]
pub(crate) struct Words {
    /// The lowercase of the word being split character by character; when words are spelled out
    /// ([`Words::spell`]), each word of the line lowercased (UTF-8) and followed by a space.
    text: Vec<u8>,
    /// The vocabulary ids of each word, in order.
    ids: Vec<u32>,
    /// The line being split, followed by zero bytes so it can be read 8 bytes at any place.
    line: Vec<u8>,
    /// One bit per byte of `line`: set for ASCII word characters and bytes of non-ASCII
    /// characters; the last `u64` is always zero.
    runs: Vec<u64>,
    /// True once a © sign has been seen in the line being split.
    copyright: bool,
    /// The [`fold`] of the words of the line being split, so far.
    hash: u64,
}

/// Where one line's words lie in [`Words`], and the line's length.
#[derive(Debug, Clone, Default)]
pub(crate) struct LineWords {
    hash: u64,
    ids: Range<usize>,
    weighted_len: usize,
    copyright: bool,
}

impl LineWords {
    /// The number of words.
    pub(crate) fn len(&self) -> usize {
        self.ids.len()
    }

    /// A hash of the line's lowercased words, in order: lines with the same words have the same
    /// hash, and lines with different words almost never do (see [`Words::same_words`]).
    pub(crate) fn hash(&self) -> u64 {
        self.hash
    }

    /// The line with another hash, to make hashes collide in tests.
    #[cfg(test)]
    pub(crate) fn with_hash(self, hash: u64) -> Self {
        LineWords { hash, ..self }
    }

    /// The [`weighted_len`] of the line.
    pub(crate) fn weighted_len(&self) -> usize {
        self.weighted_len
    }

    /// True when the line holds a © sign (noticed while splitting, as it is not a word
    /// character and every character that is not ASCII is looked at).
    pub(crate) fn has_copyright_sign(&self) -> bool {
        self.copyright
    }
}

impl Words {
    /// Room for the words of lines of `bytes` bytes in all, the longest of `longest` bytes, so
    /// that splitting them seldom has to grow a buffer.
    pub(crate) fn with_capacity(bytes: usize, longest: usize) -> Self {
        Words {
            // A word and what ends it take two bytes or more, and most take far more.
            ids: Vec::with_capacity(bytes / 4),
            line: Vec::with_capacity(longest + 16),
            runs: Vec::with_capacity(longest / 64 + 2),
            ..Words::default()
        }
    }

    /// Splits `body` into words, as `\w+` would, records their ids and the hash of them
    /// lowercased, as `str::to_lowercase` would, and measures `body` as [`weighted_len`] does.
    pub(crate) fn push_line(&mut self, body: &str, vocabulary: &Vocabulary) -> LineWords {
        self.split::<false>(body, vocabulary)
    }

    /// The words of `body`, lowercased, each followed by a space: what the hash of a line stands
    /// for. The words split before are dropped: this `Words` is for spelling out only.
    pub(crate) fn spell(&mut self, body: &str, vocabulary: &Vocabulary) -> &[u8] {
        self.text.clear();
        self.ids.clear();
        self.split::<true>(body, vocabulary);
        &self.text
    }

    /// True when `a` and `b` have the same lowercased words, in order, which equal hashes of
    /// the lines only make likely. Spells out the words of both unless the lines are equal (as
    /// repeated lines nearly always are); the words split before are dropped.
    pub(crate) fn same_words(&mut self, a: &str, b: &str, vocabulary: &Vocabulary) -> bool {
        if a == b {
            return true;
        }
        let middle = self.spell(a, vocabulary).len();
        self.split::<true>(b, vocabulary);
        self.text[..middle] == self.text[middle..]
    }

    /// [`Words::push_line`]; with `SPELL`, also writes the line's words, lowercased and each
    /// followed by a space, to `text`. Both ways run the same code, so the words hashed are
    /// exactly the words spelled out.
    fn split<const SPELL: bool>(&mut self, body: &str, vocabulary: &Vocabulary) -> LineWords {
        let table = char_table();
        let ids_start = self.ids.len();
        self.copyright = false;
        self.hash = 0;
        let weighted_len = self
            .find_runs(body.as_bytes())
            .unwrap_or_else(|| weighted_len(body));
        // Each run starts at a set bit after a clear one (or at bit 0) and ends at the next clear
        // bit; `open` holds the start of a run that goes on into the next `u64`.
        let mut open = None;
        let mut before = 0;
        for k in 0..self.runs.len() {
            let bits = self.runs[k];
            let shifted = bits << 1 | before >> 63;
            before = bits;
            let (mut starts, mut ends) = (bits & !shifted, !bits & shifted);
            while ends != 0 {
                let end = k * 64 + ends.trailing_zeros() as usize;
                ends &= ends - 1;
                let start = open.take().unwrap_or_else(|| {
                    let start = k * 64 + starts.trailing_zeros() as usize;
                    starts &= starts - 1;
                    start
                });
                if !self.push_short_run::<SPELL>(start, end, table, vocabulary)
                    && !self.push_medium_run::<SPELL>(start, end, table, vocabulary)
                {
                    self.push_by_chars::<SPELL>(&body[start..end], table, vocabulary);
                }
            }
            if starts != 0 {
                open = Some(k * 64 + starts.trailing_zeros() as usize);
            }
        }
        LineWords {
            hash: self.hash,
            ids: ids_start..self.ids.len(),
            weighted_len,
            copyright: self.copyright,
        }
    }

    /// Copies `bytes` to `line` and sets `runs`. Returns the number of characters, which is the
    /// [`weighted_len`] unless a character may be wide (then `None`).
    fn find_runs(&mut self, bytes: &[u8]) -> Option<usize> {
        self.line.clear();
        self.line.extend_from_slice(bytes);
        self.line.extend_from_slice(&[0; 16]);
        self.runs.clear();
        let (mut continuations, mut wide) = (0, 0);
        for block in self.line[..bytes.len().div_ceil(8) * 8].chunks(64) {
            let mut bits = 0;
            for (k, chunk) in block.chunks_exact(8).enumerate() {
                let x = u64::from_le_bytes(chunk.try_into().expect("8 bytes"));
                let run = (ascii_word(x) | x) & HIGH;
                // The high bit of each byte, gathered in the top byte (bit 8j goes to 56 + j).
                bits |= (run >> 7).wrapping_mul(0x0102_0408_1020_4080) >> 56 << (8 * k);
                let (more, may_be_wide) = measure(x);
                continuations += more;
                wide |= may_be_wide;
            }
            self.runs.push(bits);
        }
        self.runs.push(0);
        (wide == 0).then_some(bytes.len() - continuations)
    }

    /// Records the run `line[start..end]` as one word and returns true, when it is at most 8
    /// bytes long and each of its non-ASCII characters is a word character whose lowercase,
    /// known to the table, is as long as itself; otherwise records nothing and returns false.
    #[inline]
    fn push_short_run<const SPELL: bool>(
        &mut self,
        start: usize,
        end: usize,
        table: &CharTable,
        vocabulary: &Vocabulary,
    ) -> bool {
        let len = end - start;
        if len > 8 {
            return false;
        }
        let bytes: [u8; 8] = self.line[start..start + 8].try_into().expect("8 bytes");
        let run = u64::from_le_bytes(bytes) & u64::MAX >> (64 - 8 * len);
        let high = run & HIGH;
        let upper = in_range(run & !HIGH, b'A', b'Z') & !high;
        let mut lower = run ^ upper >> 2;
        // The lead bytes of non-ASCII characters (0b11xx_xxxx): the first without a branch on
        // whether there is one, the others (rare) in a loop.
        let mut leads = high & run << 1;
        let present = leads != 0;
        let (patch, fast) = lead_patch(table, run, leads);
        lower ^= patch & (present as u64).wrapping_neg();
        let mut fits = fast | !present;
        leads &= leads.wrapping_sub(1);
        while leads != 0 {
            let (patch, fast) = lead_patch(table, run, leads);
            lower ^= patch;
            fits &= fast;
            leads &= leads - 1;
        }
        if !fits {
            return false;
        }
        self.hash = fold(self.hash, lower);
        if SPELL {
            // The word and a space, written with a copy of fixed length; the space lands past
            // the first 8 bytes (and is dropped) when the word has 8.
            let mut spaced = [b' '; 9];
            spaced[..8].copy_from_slice(&(lower | 0x200 << (8 * len - 4)).to_le_bytes());
            let text_start = self.text.len();
            self.text.extend_from_slice(&spaced);
            self.text.truncate(text_start + len + 1);
        }
        self.ids.push(vocabulary.short.get(lower));
        true
    }

    /// Records the words of the run `line[start..end]` and returns true, when it is at most 16
    /// bytes long and each of its non-ASCII characters is either a word character whose
    /// lowercase, known to the table, is as long as itself, or a character of 2 or 3 bytes that
    /// is not a word character; otherwise records nothing and returns false. This takes the runs
    /// that [`Words::push_short_run`] does not: runs of 9 to 16 bytes (about one word in fifty of
    /// a news page: English words and names, Vietnamese words with several marks) and runs with
    /// punctuation inside (“quotes”, no-break spaces, …), split at it. Words of more than 8
    /// bytes are looked up among the long words of the vocabulary.
    fn push_medium_run<const SPELL: bool>(
        &mut self,
        start: usize,
        end: usize,
        table: &CharTable,
        vocabulary: &Vocabulary,
    ) -> bool {
        let len = end - start;
        if len > 16 {
            return false;
        }
        let bytes: [u8; 16] = self.line[start..start + 16].try_into().expect("16 bytes");
        let run = u128::from_le_bytes(bytes) & u128::MAX >> (128 - 8 * len);
        let high = run & WIDE_HIGH;
        let upper = wide_in_range(run & !WIDE_HIGH, b'A', b'Z') & !high;
        let mut lower = run ^ upper >> 2;
        let mut leads = high & run << 1;
        // One bit per byte of the run: set for the bytes of characters that are not word
        // characters.
        let mut between = 0u32;
        while leads != 0 {
            let shift = leads.trailing_zeros() & 120;
            let class = table.class_of_bytes((run >> shift) as u32);
            if class & FAST != 0 {
                lower ^= ((class & 0xFF_FFFF) as u128) << shift;
            } else if class & (WORD | BY_STD) == 0 {
                self.copyright |= (run >> shift) as u16 == u16::from_le_bytes(*b"\xC2\xA9");
                let width = ((run >> shift) as u8).leading_ones();
                between |= ((1 << width) - 1) << (shift / 8);
            } else {
                return false;
            }
            leads &= leads - 1;
        }
        let mut words = ((1u32 << len) - 1) & !between;
        while words != 0 {
            let first = words.trailing_zeros();
            let last = (words >> first).trailing_ones() + first;
            words &= !((1u32 << last) - 1);
            let (word, n) = (lower >> (8 * first), (last - first) as usize);
            let bytes = word.to_le_bytes();
            if SPELL {
                self.text.extend_from_slice(&bytes[..n]);
                self.text.push(b' ');
            }
            // As `fold_word` folds the word: packed when it has at most 8 bytes, else by halves
            // and its length.
            let id = if n <= 8 {
                let key = word as u64 & u64::MAX >> (64 - 8 * n);
                self.hash = fold(self.hash, key);
                vocabulary.short.get(key)
            } else {
                let high = (word >> 64) as u64 & u64::MAX >> (128 - 8 * n);
                self.hash = fold(fold(fold(self.hash, word as u64), high), long_mark(n));
                vocabulary.long_id(&bytes[..n])
            };
            self.ids.push(id);
        }
        true
    }

    /// Records the words of `run`, character by character.
    fn push_by_chars<const SPELL: bool>(
        &mut self,
        run: &str,
        table: &CharTable,
        vocabulary: &Vocabulary,
    ) {
        let bytes = run.as_bytes();
        // While in a word: where it starts in `run` and in `self.text`, and the union of its
        // characters' classes.
        let mut word: Option<(usize, usize, u32)> = None;
        let mut i = 0;
        while i < bytes.len() {
            let (class, width) = table.class_at(bytes, i);
            if class & WORD != 0 {
                let (_, _, classes) = word.get_or_insert((i, self.text.len(), 0));
                *classes |= class;
                let lower = class.to_le_bytes();
                if class & FAST != 0 {
                    let source = &bytes[i..i + width];
                    self.text
                        .extend(source.iter().zip(lower).map(|(b, d)| b ^ d));
                } else {
                    let len = (class >> LEN_SHIFT & 3) as usize;
                    self.text.extend_from_slice(&lower[..len]);
                }
            } else {
                self.copyright |= bytes[i..].starts_with("©".as_bytes());
                if let Some((start, text_start, classes)) = word.take() {
                    self.end_word::<SPELL>(&run[start..i], text_start, classes, vocabulary);
                }
            }
            i += width;
        }
        if let Some((start, text_start, classes)) = word {
            self.end_word::<SPELL>(&run[start..], text_start, classes, vocabulary);
        }
    }

    /// Finishes `word`, whose lowercase has been written from `text_start` on unless the union
    /// of its characters' `classes` says [`BY_STD`]; the lowercase stays only with `SPELL`.
    fn end_word<const SPELL: bool>(
        &mut self,
        word: &str,
        text_start: usize,
        classes: u32,
        vocabulary: &Vocabulary,
    ) {
        if classes & BY_STD != 0 {
            self.text.truncate(text_start);
            push_lowercase(&mut self.text, word);
        }
        let lower = &self.text[text_start..];
        let id = vocabulary.id(lower, pack(lower).unwrap_or(0));
        self.hash = fold_word(self.hash, lower);
        self.ids.push(id);
        if SPELL {
            self.text.push(b' ');
        } else {
            self.text.truncate(text_start);
        }
    }

    /// The vocabulary ids of the line's words.
    pub(crate) fn ids(&self, line: &LineWords) -> &[u32] {
        &self.ids[line.ids.clone()]
    }

    /// The vocabulary ids of every word of the document.
    #[cfg(test)]
    pub(crate) fn all_ids(&self) -> &[u32] {
        &self.ids
    }
}

/// Folds one `u64` of a line's words into the line's hash: a step of FxHash, which is one
/// multiply and, for a given `x`, a bijection of `hash`, so two lines whose `u64`s differ in one
/// place only never collide.
#[inline(always)]
fn fold(hash: u64, x: u64) -> u64 {
    (hash.rotate_left(5) ^ x).wrapping_mul(0x517C_C1B7_2722_0A95)
}

/// Folds a lowercased word into a line's hash, as every way of splitting does: a word of at
/// most 8 bytes as its [`pack`], a longer one as its bytes 8 at a time (the last `u64` padded
/// with zero bytes) and then its [`long_mark`]. Read backwards from the marks, the `u64`s folded
/// give back the words, so only the mixing of [`fold`] can make two lines' hashes collide.
fn fold_word(mut hash: u64, word: &[u8]) -> u64 {
    if let Some(key) = pack(word) {
        return fold(hash, key);
    }
    for chunk in word.chunks(8) {
        let mut bytes = [0; 8];
        bytes[..chunk.len()].copy_from_slice(chunk);
        hash = fold(hash, u64::from_le_bytes(bytes));
    }
    fold(hash, long_mark(word.len()))
}

/// What ends a word of more than 8 bytes in a line's hash: its length with the top bit set,
/// which, with zero bytes below a byte that is not zero, is no packed word.
#[inline(always)]
fn long_mark(len: usize) -> u64 {
    1 << 63 | len as u64
}

/// Length in characters, CJK ideographs, kana and Hangul counting 3 (about a short word each).
pub(crate) fn weighted_len(text: &str) -> usize {
    let bytes = text.as_bytes();
    let (mut continuations, mut wide) = (0, 0);
    let mut chunks = bytes.chunks_exact(8);
    for chunk in &mut chunks {
        let (more, may_be_wide) = measure(u64::from_le_bytes(chunk.try_into().expect("8 bytes")));
        continuations += more;
        wide |= may_be_wide;
    }
    let mut last = [0; 8];
    last[..chunks.remainder().len()].copy_from_slice(chunks.remainder());
    let (more, may_be_wide) = measure(u64::from_le_bytes(last));
    if wide | may_be_wide == 0 {
        return bytes.len() - continuations - more;
    }
    text.chars().map(|c| if is_wide(c) { 3 } else { 1 }).sum()
}

/// For 8 bytes of UTF-8 (zero bytes past the end of the text): how many of them continue a
/// character, and something other than 0 when one of them may start a wide character (see
/// [`is_wide`]); without such a byte, the text's characters number its bytes less those that
/// continue one, and that is its [`weighted_len`].
#[inline(always)]
fn measure(x: u64) -> (usize, u64) {
    // Bytes 0b10xx_xxxx continue a character.
    // Summed by a multiply: `count_ones` is a long sequence without POPCNT.
    let marks = (x & !(x << 1) & HIGH) >> 7;
    let continuations = (marks.wrapping_mul(LOW) >> 56) as usize;
    // Every wide character starts with a byte in 0xE3..=0xEF.
    let wide = in_range((x ^ (LOW * 0xE0)) & !HIGH, 0x03, 0x0F) & x;
    (continuations, wide)
}

/// True for CJK ideographs, kana and Hangul syllables, which carry about a short word each.
fn is_wide(c: char) -> bool {
    matches!(c as u32, 0x3040..=0x30FF | 0x3400..=0x9FFF | 0xAC00..=0xD7AF | 0xF900..=0xFAFF)
}

/// For the character whose lead byte is marked by the lowest bit of `leads` in `run`: what turns
/// its bytes in `run` into those of its lowercase by `^`, when it is [`FAST`] (and whether it is).
#[inline(always)]
fn lead_patch(table: &CharTable, run: u64, leads: u64) -> (u64, bool) {
    let shift = leads.trailing_zeros() & 56;
    let class = table.class_of_bytes((run >> shift) as u32);
    (((class & 0xFF_FFFF) as u64) << shift, class & FAST != 0)
}

const LOW: u64 = 0x0101_0101_0101_0101;
const HIGH: u64 = 0x8080_8080_8080_8080;
const WIDE_LOW: u128 = u128::MAX / 0xFF;
const WIDE_HIGH: u128 = WIDE_LOW * 0x80;

/// For each byte of `x` below 0x80 (the others' result is meaningless): its high bit set when it
/// lies in `lo..=hi`.
#[inline]
fn in_range(x: u64, lo: u8, hi: u8) -> u64 {
    // No byte overflows: each is below 0x80 and the added constants are at most 0x7F.
    (x + LOW * (0x80 - lo) as u64) & !(x + LOW * (0x7F - hi) as u64) & HIGH
}

/// [`in_range`] for 16 bytes.
#[inline]
fn wide_in_range(x: u128, lo: u8, hi: u8) -> u128 {
    (x + WIDE_LOW * (0x80 - lo) as u128) & !(x + WIDE_LOW * (0x7F - hi) as u128) & WIDE_HIGH
}

/// For each byte of `x`: its high bit set when it is an ASCII letter, digit or `_` (and for some
/// bytes above 0x7F).
#[inline]
fn ascii_word(x: u64) -> u64 {
    let x = x & !HIGH;
    in_range(x | (LOW * 0x20), b'a', b'z') | in_range(x, b'0', b'9') | in_range(x, b'_', b'_')
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

// What a character is to the words, in one `u32`: the flags below and, in the low 24 bits (first
// byte lowest), for a `FAST` character what turns its UTF-8 bytes into its lowercase's by `^` (0
// when it is its own lowercase); for another word character that is not `BY_STD`, its
// lowercase's UTF-8 bytes, their number at `LEN_SHIFT`.

/// The character is a word character (matches `\w`).
const WORD: u32 = 1 << 31;
/// The word holding the character is lowercased by `str::to_lowercase`: the character's lowercase
/// is not one character of at most 3 bytes, or depends on its context (capital sigma), or the
/// character lies outside the Basic Multilingual Plane.
const BY_STD: u32 = 1 << 30;
/// A word character, not [`BY_STD`], whose lowercase is as long as itself (in UTF-8).
const FAST: u32 = 1 << 29;
const LEN_SHIFT: u32 = 24;

/// The class of each ASCII character: letters, digits and `_` are word characters.
const ASCII_CLASSES: [u32; 128] = {
    let mut table = [0; 128];
    let mut b = 0;
    while b < 128 {
        let c = b as u8;
        if c.is_ascii_uppercase() {
            table[b] = WORD | FAST | (c ^ c.to_ascii_lowercase()) as u32;
        } else if c.is_ascii_alphanumeric() || c == b'_' {
            table[b] = WORD | FAST;
        }
        b += 1;
    }
    table
};

/// The class of every character of the Basic Multilingual Plane, found from its first two UTF-8
/// bytes and, for characters of three bytes, the third.
struct CharTable {
    /// By the low 6 bits of the first and second bytes of a character of 2 to 4 bytes: for 2
    /// bytes, the index of its class in `classes`; for 3, the index of the first of the 64
    /// classes of the characters that start with these two bytes, by their third byte; for 4,
    /// the index of a class that is [`BY_STD`]. Identical runs of 64 classes are stored once.
    groups: Box<[u32; 64 * 64]>,
    classes: Vec<u32>,
}

/// The table, built on first use (a few milliseconds).
fn char_table() -> &'static CharTable {
    static TABLE: OnceLock<CharTable> = OnceLock::new();
    TABLE.get_or_init(CharTable::new)
}

impl CharTable {
    fn new() -> Self {
        let class = |c: u32| char::from_u32(c).map_or(0, class_of);
        // Characters of up to 2 bytes by code point, then the class for 4 bytes.
        let mut classes: Vec<u32> = (0..0x800).map(class).collect();
        let astral = classes.len() as u32;
        classes.push(BY_STD);
        let mut groups = Box::new([0; 64 * 64]);
        let mut seen: HashMap<Vec<u32>, u32> = HashMap::new();
        for first in 0..64u32 {
            for second in 0..64u32 {
                groups[(first << 6 | second) as usize] = match first {
                    0..=0x1F => (first << 6 | second) & 0x7FF,
                    0x20..=0x2F => {
                        let start = (first & 0x0F) << 12 | second << 6;
                        let group: Vec<u32> = (start..start + 64).map(class).collect();
                        *seen.entry(group).or_insert_with_key(|group| {
                            let offset = classes.len() as u32;
                            classes.extend_from_slice(group);
                            offset
                        })
                    }
                    _ => astral,
                };
            }
        }
        CharTable { groups, classes }
    }

    /// The class of the character starting at `bytes[i]`, and its length in bytes. `bytes` must
    /// be UTF-8 and `i` the start of a character.
    #[inline(always)]
    fn class_at(&self, bytes: &[u8], i: usize) -> (u32, usize) {
        let lead = bytes[i];
        if lead < 0x80 {
            return (ASCII_CLASSES[lead as usize], 1);
        }
        let width = lead.leading_ones() as usize;
        if width == 4 {
            let c = std::str::from_utf8(&bytes[i..i + 4])
                .ok()
                .and_then(|s| s.chars().next());
            let word = c.is_some_and(regex_syntax::is_word_character);
            return (if word { WORD | BY_STD } else { 0 }, 4);
        }
        let mut next = [0; 4];
        next[..width].copy_from_slice(&bytes[i..i + width]);
        (self.class_of_bytes(u32::from_le_bytes(next)), width)
    }

    /// The class of the non-ASCII character whose UTF-8 bytes are those of `bytes` from the
    /// lowest on; [`BY_STD`] for a character of 4 bytes. Bytes after the character are ignored.
    #[inline(always)]
    fn class_of_bytes(&self, bytes: u32) -> u32 {
        let group = self.groups[((bytes & 0x3F) << 6 | (bytes >> 8 & 0x3F)) as usize];
        // The third byte counts for characters of three bytes (first byte 0b1110_xxxx) only.
        let three = ((bytes & 0xF0 == 0xE0) as u32).wrapping_neg();
        self.classes[(group + (bytes >> 16 & 0x3F & three)) as usize]
    }
}

/// The class of one character, from `regex_syntax` and the standard library.
fn class_of(c: char) -> u32 {
    if !regex_syntax::is_word_character(c) {
        return 0;
    }
    let mut lower = c.to_lowercase();
    match (lower.next(), lower.next()) {
        (Some(l), None) if c != 'Σ' && l.len_utf8() == c.len_utf8() => {
            let (mut from, mut to) = ([0; 4], [0; 4]);
            c.encode_utf8(&mut from);
            l.encode_utf8(&mut to);
            WORD | FAST | (u32::from_le_bytes(from) ^ u32::from_le_bytes(to))
        }
        (Some(l), None) if c != 'Σ' && l.len_utf8() <= 3 => {
            let mut bytes = [0; 4];
            l.encode_utf8(&mut bytes);
            WORD | (l.len_utf8() as u32) << LEN_SHIFT | u32::from_le_bytes(bytes)
        }
        _ => WORD | BY_STD,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// The words of `text` as spelled out; checks on the way that splitting without spelling
    /// finds the same ids and a hash folded from exactly these words.
    fn words_of(text: &str) -> Vec<String> {
        let vocabulary = Vocabulary::new(std::iter::empty());
        let mut words = Words::default();
        let line = words.push_line(text, &vocabulary);
        let mut spelled = Words::default();
        let found: Vec<String> = std::str::from_utf8(spelled.spell(text, &vocabulary))
            .unwrap()
            .split_terminator(' ')
            .map(String::from)
            .collect();
        assert_eq!(words.ids(&line), spelled.all_ids());
        let hash = found.iter().fold(0, |h, w| fold_word(h, w.as_bytes()));
        assert_eq!(line.hash(), hash, "{text:?}");
        found
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
            "ΣΑΣ.ΑΣ Ⱥ𐐀x 😀a𝐀b 中文한국어 “Đẩy” NGƯỜI\u{a0}Việt",
            "ABCDEFGHIJKLMNOP abcdefghijklmnopq ĐĐĐĐĐĐĐĐ ĐĐĐĐĐĐĐĐĐ",
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
            let expected: String = c.to_lowercase().collect();
            if word && class & BY_STD == 0 {
                let lower: Vec<u8> = if class & FAST != 0 {
                    bytes
                        .iter()
                        .zip(class.to_le_bytes())
                        .map(|(b, d)| b ^ d)
                        .collect()
                } else {
                    class.to_le_bytes()[..(class >> LEN_SHIFT) as usize & 3].to_vec()
                };
                assert_eq!(lower, expected.as_bytes(), "{c:?}");
            }
            let fast = word && class & BY_STD == 0 && expected.len() == width;
            assert_eq!(class & FAST != 0, fast, "{c:?}");
            if fast {
                // The short-run path applies the change to the bytes after the character too.
                assert_eq!(
                    class & 0xFF_FFFF & !(u32::MAX >> (32 - 8 * width)),
                    0,
                    "{c:?}"
                );
            }
            if c.is_ascii() {
                assert!(class & BY_STD == 0, "{c:?}");
                let run = ascii_word(u64::from(c as u8)) & 0x80 != 0;
                assert_eq!(run, word, "{c:?}");
            } else {
                // As the short-run path reads it: with other bytes after the character.
                let mut run = [0xBF; 4];
                run[..width].copy_from_slice(bytes);
                let class_in_run = char_table().class_of_bytes(u32::from_le_bytes(run));
                if width < 4 {
                    assert_eq!(class_in_run, class, "{c:?}");
                } else {
                    assert!(class_in_run & FAST == 0, "{c:?}");
                }
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
    fn weighted_len_counts_every_character_once_and_wide_ones_thrice() {
        let reference =
            |text: &str| -> usize { text.chars().map(|c| if is_wide(c) { 3 } else { 1 }).sum() };
        let narrow: String = (0..=0x10FFFF)
            .filter_map(char::from_u32)
            .filter(|&c| !is_wide(c))
            .collect();
        for start in 0..8 {
            let text = &narrow[narrow.char_indices().nth(start).unwrap().0..];
            assert_eq!(weighted_len(text), text.chars().count());
        }
        for c in (0..=0x10FFFF).filter_map(char::from_u32) {
            for text in [c.to_string(), format!("ab{c}"), format!("abcdefg{c}xy")] {
                assert_eq!(weighted_len(&text), reference(&text), "{text:?}");
            }
        }
    }

    #[test]
    fn every_character_in_short_words_splits_and_lowercases_as_the_regex_and_std_do() {
        let mut text = String::new();
        for c in (0..=0x10FFFF).filter_map(char::from_u32) {
            text.extend([c, ' ', 'A', c, 'b', '.', c, c, 'Ư', c, 'x', '_', c, '-']);
        }
        assert_eq!(words_of(&text), regex_words(&text));
    }

    #[test]
    fn every_character_in_words_of_9_to_16_bytes_splits_and_lowercases_as_the_regex_and_std_do() {
        let mut text = String::new();
        for c in (0..=0x10FFFF).filter_map(char::from_u32) {
            text.extend([
                c, 'A', 'B', 'C', 'D', 'E', 'F', 'G', 'H', ' ', 'x', 'Ư', 'Ư', 'Ư',
            ]);
            text.extend([
                'Ư', c, 'y', ' ', c, c, c, c, ',', 'Đ', 'ẫ', c, 'İ', 'ß', 'q', c, '\n',
            ]);
        }
        assert_eq!(words_of(&text), regex_words(&text));
    }

    #[test]
    fn lines_have_the_same_words_whatever_their_case_and_punctuation() {
        let vocabulary = Vocabulary::new(std::iter::empty());
        let mut words = Words::default();
        let mut spelled = Words::default();
        let same = [
            ["Trang chủ > Thời SỰ", "trang CHỦ – “thời” sự!"],
            ["ĐƯỜNG internationalization", "đường, Internationalization."],
            ["ΟΔΟΣ 😀 ǅ", "οδος ǆ"],
            ["", "– ... !"],
        ];
        let different = [
            ["Trang chủ", "Trang chủ mới"],
            ["abcdefgh i", "abcdefghi"],
            ["abcdefghijklmnopq r", "abcdefghijklmnopqr"],
            ["trang chủ", "chủ trang"],
        ];
        let pairs = same.map(|p| (p, true)).into_iter();
        for ([a, b], equal) in pairs.chain(different.map(|p| (p, false))) {
            let (line_a, line_b) = (
                words.push_line(a, &vocabulary),
                words.push_line(b, &vocabulary),
            );
            assert_eq!(line_a.hash() == line_b.hash(), equal, "{a:?} {b:?}");
            assert_eq!(spelled.same_words(a, b, &vocabulary), equal, "{a:?} {b:?}");
        }
    }

    #[test]
    fn the_copyright_sign_is_noticed_in_runs_of_every_length_and_nothing_else_is() {
        let vocabulary = Vocabulary::new(std::iter::empty());
        let mut words = Words::default();
        for sign in ["©", "®", "ª", "Ⓒ", "ⓒ", "é", "(c)"] {
            for [before, after] in [
                ["", ""],
                ["a ", " b"],
                ["Đ", "x"],
                ["abcdefgh", "Ư"],
                ["“", "”"],
                ["abcdefghijklmnop", "ẫ"],
                ["Ⱥbcdefghijklmnopqrstu", "\u{a0}"],
            ] {
                // One after another in the same buffers: the sign is looked for in each line anew.
                let text = format!("{before}{sign}{after}");
                let line = words.push_line(&text, &vocabulary);
                assert_eq!(line.has_copyright_sign(), sign == "©", "{text:?}");
            }
        }
    }

    proptest! {
        #[test]
        fn mixed_text_splits_and_lowercases_as_the_regex_and_std_do(
            text in "[ a-zA-Z0-9_.,:/\\-ĐđƯưỜờẫẪÀàéÉΣσİıẞß\u{300}\u{301}\u{a0}\u{200d}“”–…©中한😀𝐀Ⱥ-]{0,60}"
        ) {
            prop_assert_eq!(words_of(&text), regex_words(&text));
            let vocabulary = Vocabulary::new(std::iter::empty());
            let line = Words::default().push_line(&text, &vocabulary);
            let expected: usize = text.chars().map(|c| if is_wide(c) { 3 } else { 1 }).sum();
            prop_assert_eq!(line.weighted_len(), expected);
            prop_assert_eq!(weighted_len(&text), expected);
            prop_assert_eq!(line.has_copyright_sign(), text.contains('©'));
        }
    }

    #[test]
    fn each_word_is_counted_for_every_list_holding_it() {
        let vi: HashSet<String> = ["và", "là"].iter().map(|s| s.to_string()).collect();
        let en: HashSet<String> = ["a", "là"].iter().map(|s| s.to_string()).collect();
        let vocabulary = Vocabulary::new([&en, &vi].into_iter());
        let mut words = Words::default();
        let line = words.push_line("Là A và b", &vocabulary);
        assert_eq!(vocabulary.hits_by_language(words.ids(&line)), vec![2, 2]);
        assert_eq!(vocabulary.hits(words.ids(&line), 1), 2);
        assert!(vocabulary.has(words.ids(&line)[2], 1));
        assert!(!vocabulary.has(words.ids(&line)[3], 0));
    }

    #[test]
    fn hits_by_language_agree_with_each_list_for_many_lists_and_words() {
        // From one list to three `u64`s of lanes, over a text with more words of each list than
        // a lane counts.
        let pool = [
            "và",
            "là",
            "a",
            "the",
            "de",
            "приблизительно",
            "x",
            "abcdefghi",
        ];
        for languages in [1, 2, 3, 9, 16, 17, 20] {
            let lists: Vec<HashSet<String>> = (0..languages)
                .map(|k| {
                    let words = pool.iter().enumerate().filter(|(j, _)| (j + k) % 3 != 0);
                    words.map(|(_, w)| w.to_string()).collect()
                })
                .collect();
            let vocabulary = Vocabulary::new(lists.iter());
            let mut words = Words::default();
            let text = pool.join(" y ").repeat(300);
            let line = words.push_line(&text, &vocabulary);
            let ids = words.ids(&line);
            let expected: Vec<usize> = lists
                .iter()
                .map(|list| {
                    regex_words(&text)
                        .iter()
                        .filter(|w| list.contains(*w))
                        .count()
                })
                .collect();
            assert!(expected.iter().all(|&n| n > 255), "{expected:?}");
            assert_eq!(vocabulary.hits_by_language(ids), expected, "{languages}");
            let each: Vec<usize> = (0..languages).map(|k| vocabulary.hits(ids, k)).collect();
            assert_eq!(each, expected, "{languages}");
            // Counted by line, in lines of 0 to 299 words: short lines (whose lanes are added up
            // over lines) and lines of more words than a lane counts.
            let lines: Vec<&[u32]> = (0..25)
                .scan(ids, |rest, k| {
                    let (line, after) = rest.split_at((k * k) % 300 % (rest.len() + 1));
                    *rest = after;
                    Some(line)
                })
                .chain([ids])
                .collect();
            let hits = vocabulary.count_lines(lines.iter().copied());
            let all: Vec<u32> = lines.concat();
            assert_eq!(
                hits.by_language,
                vocabulary.hits_by_language(&all),
                "{languages}"
            );
            for (k, line) in lines.iter().enumerate() {
                for lang in 0..languages {
                    let n = vocabulary.line_hits(&hits, k, line, lang);
                    assert_eq!(n, vocabulary.hits(line, lang), "{languages} {k} {lang}");
                }
            }
        }
    }

    #[test]
    fn short_and_long_words_are_found_and_others_are_not() {
        let list: HashSet<String> = [
            "a",
            "abcdefgh",
            "abcdefghi",
            "приблизительно",
            "ß",
            "ǆ",
            "đường",
            "microsoft",
            "abcdefghijklmnop",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect();
        let vocabulary = Vocabulary::new([&list].into_iter());
        let mut words = Words::default();
        let text =
            "A ABCDEFGH abcdefghi Приблизительно SS ẞ ab abcdefg abcdefghij приблизительн Ǆ \
                    ĐƯỜNG MicroSoft abcdefghijklmnoP đườn abcdefghijklmnopq";
        let line = words.push_line(text, &vocabulary);
        let found: Vec<bool> = words
            .ids(&line)
            .iter()
            .map(|&id| vocabulary.has(id, 0))
            .collect();
        assert_eq!(
            found,
            [
                true, true, true, true, false, true, false, false, false, false, true, true, true,
                true, false, false
            ]
        );
    }
}

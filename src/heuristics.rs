//! Heuristic cleaning for pages from sites nobody wrote rules for. After the rules have run, the
//! lines they kept are judged by their own features — length, share of stopwords, list and table
//! shape, the © sign, repetition within the document, lines packed without the blank lines that set
//! the page's paragraphs apart — and by their context: a run of headlines is a list of links, an
//! undecided line takes the class of the lines around it (jusText's context-sensitive
//! classification, per line), and only the main block of the document, the run of lines with the
//! most content in it (Finn et al.'s body text extraction, on lines), is kept, with the long lines
//! next to it that miss the stopword threshold only narrowly. A title-shaped line or two that open
//! the document right before that block are kept as its headline, and a numbered list that its last
//! line announces as its end.
//!
//! Everything here is declared in a rule file's `[heuristics]` table, so users tune the thresholds
//! or switch the stage off; every line dropped here is credited to a named pseudo-rule
//! (`heuristic.*`, see [`Reason`]) like a rule removal.

use std::collections::hash_map::Entry;
use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::Path;

use serde::Deserialize;
use toml::Spanned;

use crate::error::RuleError;
use crate::rules::{line_col, RuleSource, Zone};
use crate::words::{weighted_len, LineWords, Vocabulary, Words};

/// The stopword lists shipped in the binary: (ISO 639-1 code, one word per line).
pub const BUILTIN_STOPWORDS: &[(&str, &str)] = &[
    ("ar", include_str!("../rules/stopwords/ar.txt")),
    ("bg", include_str!("../rules/stopwords/bg.txt")),
    ("ca", include_str!("../rules/stopwords/ca.txt")),
    ("cs", include_str!("../rules/stopwords/cs.txt")),
    ("da", include_str!("../rules/stopwords/da.txt")),
    ("de", include_str!("../rules/stopwords/de.txt")),
    ("el", include_str!("../rules/stopwords/el.txt")),
    ("en", include_str!("../rules/stopwords/en.txt")),
    ("es", include_str!("../rules/stopwords/es.txt")),
    ("fa", include_str!("../rules/stopwords/fa.txt")),
    ("fi", include_str!("../rules/stopwords/fi.txt")),
    ("fr", include_str!("../rules/stopwords/fr.txt")),
    ("he", include_str!("../rules/stopwords/he.txt")),
    ("hr", include_str!("../rules/stopwords/hr.txt")),
    ("hu", include_str!("../rules/stopwords/hu.txt")),
    ("id", include_str!("../rules/stopwords/id.txt")),
    ("it", include_str!("../rules/stopwords/it.txt")),
    ("ja", include_str!("../rules/stopwords/ja.txt")),
    ("ko", include_str!("../rules/stopwords/ko.txt")),
    ("lt", include_str!("../rules/stopwords/lt.txt")),
    ("lv", include_str!("../rules/stopwords/lv.txt")),
    ("nl", include_str!("../rules/stopwords/nl.txt")),
    ("no", include_str!("../rules/stopwords/no.txt")),
    ("pl", include_str!("../rules/stopwords/pl.txt")),
    ("pt", include_str!("../rules/stopwords/pt.txt")),
    ("ro", include_str!("../rules/stopwords/ro.txt")),
    ("ru", include_str!("../rules/stopwords/ru.txt")),
    ("sk", include_str!("../rules/stopwords/sk.txt")),
    ("sl", include_str!("../rules/stopwords/sl.txt")),
    ("sv", include_str!("../rules/stopwords/sv.txt")),
    ("tr", include_str!("../rules/stopwords/tr.txt")),
    ("vi", include_str!("../rules/stopwords/vi.txt")),
];

/// Why the heuristics dropped a line. Each reason is reported as a pseudo-rule of that name.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Reason {
    /// The line holds no word at all (a lone `*`, `|`, an emoji).
    NoWords,
    /// The line carries a © sign.
    Copyright,
    /// The same words make up another line of the document (menus, share bars, teasers), and
    /// the line does not end like a sentence.
    RepeatedLine,
    /// The line has too few stopwords to be prose in the document's language.
    FewStopwords,
    /// A short line whose neighbours are boilerplate.
    ShortInBoilerplate,
    /// A line outside the main block of the document.
    OutsideMainBlock,
}

impl Reason {
    /// Every reason, in the order their pseudo-rules are registered.
    pub const ALL: [Reason; 6] = [
        Reason::NoWords,
        Reason::Copyright,
        Reason::RepeatedLine,
        Reason::FewStopwords,
        Reason::ShortInBoilerplate,
        Reason::OutsideMainBlock,
    ];

    /// The name of the pseudo-rule removals for this reason are credited to.
    pub fn rule_name(self) -> &'static str {
        match self {
            Reason::NoWords => "heuristic.no-words",
            Reason::Copyright => "heuristic.copyright",
            Reason::RepeatedLine => "heuristic.repeated-line",
            Reason::FewStopwords => "heuristic.few-stopwords",
            Reason::ShortInBoilerplate => "heuristic.short-in-boilerplate",
            Reason::OutsideMainBlock => "heuristic.outside-main-block",
        }
    }

    pub(crate) fn index(self) -> usize {
        Reason::ALL.iter().position(|&r| r == self).unwrap_or(0)
    }
}

/// The heuristics' judgement of one line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verdict {
    Keep,
    /// Dropped; `zone` is where the line stands relative to the main block: `Header` before it,
    /// `Footer` after it, `Sidebar` inside it (or anywhere, when the document has no main block).
    Drop {
        reason: Reason,
        zone: Zone,
    },
}

/// The tunable numbers of the heuristics; see `rules/heuristics.toml` for what each one does.
#[derive(Debug, Clone, PartialEq)]
pub struct Settings {
    pub len_low: usize,
    pub len_high: usize,
    pub stopword_max: f64,
    pub stopword_ratio: f64,
    pub weak_ratio: f64,
    pub stopword_evidence: f64,
    pub min_language_share: f64,
    pub block_cost: usize,
    pub head_lines: usize,
    pub head_gap: usize,
    pub title_run: usize,
    pub copyright: bool,
    pub repeated_lines: bool,
    pub list_items: bool,
    pub weak_prose: bool,
    pub announced_lists: bool,
    pub exchanges: bool,
    pub quantity_lists: bool,
    pub field_lists: bool,
    pub schedule_lists: bool,
    pub packed_run: usize,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            len_low: 40,
            len_high: 150,
            stopword_max: 0.3,
            stopword_ratio: 0.6,
            weak_ratio: 0.5,
            stopword_evidence: 3.0,
            min_language_share: 0.05,
            block_cost: 40,
            head_lines: 2,
            head_gap: 3,
            title_run: 3,
            copyright: true,
            repeated_lines: true,
            list_items: true,
            weak_prose: true,
            announced_lists: true,
            exchanges: true,
            quantity_lists: true,
            field_lists: true,
            schedule_lists: true,
            packed_run: 4,
        }
    }
}

/// Compiled heuristics: the settings and the stopword lists to choose a document's language from.
#[derive(Debug, Clone)]
pub struct Heuristics {
    pub settings: Settings,
    /// (language code, its stopwords), sorted by code: ties in language detection go to the first.
    lists: Vec<(String, HashSet<String>)>,
    /// Every list's words merged, so each word of a document is looked up once.
    vocabulary: Vocabulary,
}

/// Class of a line, as in jusText: `Short` lines are undecided and take their neighbours' class.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Class {
    Bad,
    Short,
    NearGood,
    Good,
}

/// The features of one non-blank line.
struct Line<'a> {
    /// The line without surrounding white space and without its list marker.
    body: &'a str,
    /// True when the line starts with a list marker (`*`, `+`, `o`, `•`, `-`).
    item: bool,
    /// The cells of the line laid out as a table row (see [`table_row`]); 0 when it is none.
    cells: usize,
    /// True for a line of dialogue: a dash, then a sentence.
    dialogue: bool,
    /// The `\w+` tokens of `body`: their vocabulary ids and a hash of them lowercased.
    tokens: LineWords,
    /// Length of `body` in characters, CJK and Hangul counting 3.
    chars: usize,
    /// The same length of the whole line, list marker included, without surrounding white space.
    line_chars: usize,
    /// How many tokens are stopwords of the document's language.
    hits: usize,
}

impl Line<'_> {
    /// True when the line is laid out as a table row.
    fn row(&self) -> bool {
        self.cells > 0
    }
}

impl Heuristics {
    /// Heuristics with the given settings over the built-in stopword lists named by `languages`
    /// (all of them when `None`).
    pub fn new(settings: Settings, languages: Option<&[&str]>) -> Heuristics {
        let lists = BUILTIN_STOPWORDS
            .iter()
            .filter(|(code, _)| languages.is_none_or(|l| l.contains(code)))
            .map(|(code, text)| (code.to_string(), parse_list(text)))
            .collect();
        Heuristics::with_lists(settings, lists)
    }

    fn with_lists(settings: Settings, mut lists: Vec<(String, HashSet<String>)>) -> Heuristics {
        lists.sort_by(|a, b| a.0.cmp(&b.0));
        let vocabulary = Vocabulary::new(lists.iter().map(|(_, words)| words));
        Heuristics {
            settings,
            lists,
            vocabulary,
        }
    }

    /// The codes of the stopword lists, in the order they are tried.
    pub fn languages(&self) -> impl Iterator<Item = &str> {
        self.lists.iter().map(|(c, _)| c.as_str())
    }

    /// Judges the non-blank lines of one document, in order; returns one verdict per line.
    /// Lines with `removed[i]` set were already dropped by a rule: they get no verdict of their
    /// own (`Keep`), but as boilerplate they weigh against the main block around them.
    /// `spaced[i]` says whether a blank line stands right above line `i` (true for the first).
    pub fn judge(&self, all: &[&str], removed: &[bool], spaced: &[bool]) -> Vec<Verdict> {
        let s = &self.settings;
        // Positions in `all` of the lines still to judge.
        let mut pos: Vec<usize> = Vec::with_capacity(all.len());
        pos.extend((0..all.len()).filter(|&i| !removed[i]));
        let (bytes, longest) = pos
            .iter()
            .fold((0, 0), |(n, m), &i| (n + all[i].len(), m.max(all[i].len())));
        let mut words = Words::with_capacity(bytes, longest);
        let mut lines: Vec<Line> = pos
            .iter()
            .map(|&i| self.analyse(all[i], &mut words))
            .collect();
        mark_pipe_tables(&mut lines);
        let hits = self
            .vocabulary
            .count_lines(lines.iter().map(|l| words.ids(&l.tokens)));
        let stopwords = self.detect_language(&lines, &hits.by_language);
        if let Some(lang) = stopwords {
            for (k, line) in lines.iter_mut().enumerate() {
                let ids = words.ids(&line.tokens);
                line.hits = self.vocabulary.line_hits(&hits, k, ids, lang);
            }
        }
        let threshold = match stopwords {
            None => 0.0,
            Some(_) => self.threshold(&lines),
        };
        let group = self.group_same_words(&lines);
        let mut count = vec![0usize; lines.len()];
        for &g in &group {
            count[g] += 1;
        }
        let mut initial: Vec<(Class, Option<Reason>)> = lines
            .iter()
            .zip(&group)
            .map(|(l, &g)| self.classify(l, threshold, count[g] > 1))
            .collect();
        if s.title_run > 0 {
            undecide_title_runs(&lines, s.title_run, &mut initial);
        }
        let packed = if s.packed_run > 0 {
            undecide_packed_runs(&pos, spaced, s.packed_run, &mut initial)
        } else {
            vec![false; lines.len()]
        };
        let cls0: Vec<Class> = initial.iter().map(|c| c.0).collect();
        let cls = revise(&cls0);

        // Lines that are short only because their stopword density falls just under the
        // threshold (prose full of names and numbers), when long or ending like a sentence, count
        // as content next to and inside the main block: they weigh nothing in its search (so
        // one does not split the article), the block grows over them at its edges, and keeps
        // them.
        let weak_prose = |k: usize| {
            s.weak_prose
                && cls0[k] == Class::Short
                && initial[k].1.is_none()
                && (lines[k].chars >= s.len_high
                    || lines[k].chars >= s.len_low && ends_like_sentence(lines[k].body))
                && !lines[k].item
                && !lines[k].row()
                && !packed[k]
        };
        // A row weighs as a table's only next to a row of about as many cells: alone, or next to
        // rows of other widths, it is a bar of links or buttons set apart by wide gaps (a menu,
        // a share bar, a breadcrumb).
        let in_table = |k: usize| {
            let like = |j: usize| lines[j].row() && lines[j].cells.abs_diff(lines[k].cells) <= 1;
            lines[k].row() && (k > 0 && like(k - 1) || k + 1 < lines.len() && like(k + 1))
        };
        // A list item that reads as prose — a stopword density at the threshold, and long, or a
        // piece of a sentence (ending in `.` `,` `;`, or opening in lower case) — is a point of
        // the article, not a link to another page (a headline, short and ending in none of
        // those): it weighs nothing in the main block's search, so a list in the article does
        // not split it.
        let prose_item = |k: usize| {
            let line = &lines[k];
            s.list_items
                && line.item
                && cls0[k] == Class::Short
                && (line.chars >= 2 * s.len_low
                    || line.chars >= s.len_low
                        && (line.body.ends_with(['.', ',', ';'])
                            || line.body.starts_with(char::is_lowercase)))
                && line.hits as f64 >= threshold * line.tokens.len() as f64
        };
        // The lines of the kinds of list a setting switches on; none when it is off.
        let lists_if = |on: bool, find: fn(&[Line], &[Class]) -> Vec<bool>| match on {
            true => find(&lines, &cls0),
            false => vec![false; lines.len()],
        };
        let announced = lists_if(s.announced_lists, announced_lines);
        let quantities = lists_if(s.quantity_lists, quantity_runs);
        let fields = lists_if(s.field_lists, field_runs);
        let schedules = lists_if(s.schedule_lists, schedule_runs);
        // The main block is searched over every line, those removed by rules included.
        // Content counts by its length, anything else against by its length and a fixed cost;
        // table rows, weak prose, list items that read as prose, the short lines of an announced
        // list or block, lists of quantities, runs of fields and schedules weigh nothing.
        let cost = |chars: usize| -((chars + s.block_cost) as i64);
        let mut values: Vec<i64> = all
            .iter()
            .zip(removed)
            .map(|(l, &r)| if r { cost(weighted_len(l.trim())) } else { 0 })
            .collect();
        for (k, line) in lines.iter().enumerate() {
            values[pos[k]] = match cls0[k] {
                Class::Good | Class::NearGood => line.chars as i64,
                // A packed run weighs as the content it looks like (see `undecide_packed_runs`).
                Class::Short if packed[k] => line.chars as i64,
                Class::Short
                    if in_table(k)
                        || weak_prose(k)
                        || prose_item(k)
                        || announced[k]
                        || quantities[k]
                        || fields[k]
                        || schedules[k] =>
                {
                    0
                }
                _ => cost(line.line_chars),
            };
        }
        // Lines that show the page has chrome: removed by a rule, bad on their own, list items
        // that their context makes bad (a menu), or a row outside a table (a bar of links).
        let mut chrome = removed.to_vec();
        for (k, &i) in pos.iter().enumerate() {
            chrome[i] |= cls0[k] == Class::Bad
                || (lines[k].item && cls[k] == Class::Bad)
                || (lines[k].row() && !in_table(k));
        }
        let mut at = vec![None; all.len()];
        for (k, &i) in pos.iter().enumerate() {
            at[i] = Some(k);
        }
        let paragraph = |i: usize| at[i].is_some_and(|k| cls0[k] == Class::Good);
        // Above the block, a list that its context makes good, under a short heading or right
        // under a paragraph, ends a section of the article as a paragraph does ("What you'll
        // need" and its items, then an advertisement, then the steps).
        let ends_section = |i: usize| {
            if paragraph(i) {
                return true;
            }
            let good_item =
                |j: usize| at[j].is_some_and(|k| cls[k] == Class::Good && lines[k].item);
            let items = (0..=i).rev().take_while(|&j| good_item(j)).count();
            if !s.list_items || items == 0 || items > i {
                return false;
            }
            let above = i - items;
            let heading = at[above].is_some_and(|k| {
                !lines[k].item && cls0[k] == Class::Short && lines[k].chars < s.len_low
            });
            match heading {
                true => above > 0 && paragraph(above - 1),
                false => paragraph(above),
            }
        };
        // Above the block, the short lines of the article's metadata (a byline, a date, a
        // label) do not cut its standfirst off either, and stay out of it.
        let crossable = |i: usize| {
            removed[i]
                || at[i].is_some_and(|k| {
                    lines[k].chars < s.len_low
                        && matches!(cls0[k], Class::Bad | Class::Short)
                        && !lines[k].item
                })
        };
        let mut crossed = vec![false; all.len()];
        let block = main_block(&values)
            .map(|b| {
                let sections = (ends_section, paragraph);
                join_across_removed(b, &values, crossable, removed, sections, &mut crossed)
            })
            .map(|b| widen_over_clean_edges(b, &chrome));
        let grows_over = |i: usize| at[i].is_some_and(weak_prose);
        let block = block.map(|b| {
            let (mut start, mut end) = b.into_inner();
            while start > 0 && grows_over(start - 1) {
                start -= 1;
            }
            while end + 1 < all.len() && grows_over(end + 1) {
                end += 1;
            }
            start..=end
        });
        let inside = |k: usize| block.as_ref().is_some_and(|b| b.contains(&pos[k]));
        let mut keep: Vec<bool> = (0..lines.len())
            .map(|k| {
                (cls[k] == Class::Good
                    || cls0[k] == Class::NearGood
                    || weak_prose(k)
                    || quantities[k])
                    && inside(k)
                    && !crossed[pos[k]]
            })
            .collect();
        if s.announced_lists {
            keep_announced_list(&lines, &pos, &mut keep);
        }
        if s.exchanges {
            keep_continued_exchange(&lines, &pos, &mut keep);
        }
        self.keep_headline(&lines, &initial, &mut keep);

        let mut verdicts = vec![Verdict::Keep; all.len()];
        for (k, &i) in pos.iter().enumerate() {
            if keep[k] {
                continue;
            }
            let zone = match &block {
                Some(b) if i < *b.start() => Zone::Header,
                Some(b) if i > *b.end() => Zone::Footer,
                _ => Zone::Sidebar,
            };
            let reason = match initial[k].1 {
                Some(r) => r,
                None if block.is_some() && !inside(k) => Reason::OutsideMainBlock,
                None => Reason::ShortInBoilerplate,
            };
            verdicts[i] = Verdict::Drop { reason, zone };
        }
        verdicts
    }

    /// For each line, the first line with the same lowercased words (itself when there is none
    /// before it). Lines are grouped by the hash of their words, and a line joins a group only
    /// when its words are those of the group's first line, compared exactly: a collision of
    /// hashes makes a new group with the same hash, never a wrong repetition.
    fn group_same_words(&self, lines: &[Line]) -> Vec<usize> {
        // By hash, the first line of the latest group with that hash; by line that starts a
        // group, the first line of the group before it with the same hash (or `usize::MAX`).
        let mut latest: HashMap<u64, usize, foldhash::fast::RandomState> =
            HashMap::with_capacity_and_hasher(lines.len(), Default::default());
        let mut earlier = vec![usize::MAX; lines.len()];
        // Where the words of lines with equal hashes are spelled out to be compared.
        let mut spelled = Words::default();
        let mut group = Vec::with_capacity(lines.len());
        for (k, line) in lines.iter().enumerate() {
            let first = match latest.entry(line.tokens.hash()) {
                Entry::Vacant(e) => *e.insert(k),
                Entry::Occupied(mut e) => {
                    let mut first = *e.get();
                    while first != usize::MAX
                        && !spelled.same_words(lines[first].body, line.body, &self.vocabulary)
                    {
                        first = earlier[first];
                    }
                    if first == usize::MAX {
                        earlier[k] = e.insert(k);
                        first = k;
                    }
                    first
                }
            };
            group.push(first);
        }
        group
    }

    fn analyse<'a>(&self, raw: &'a str, words: &mut Words) -> Line<'a> {
        let trimmed = raw.trim();
        let (item, body) = match strip_list_mark(trimmed) {
            Some(rest) => (true, rest),
            None => (false, trimmed),
        };
        let tokens = words.push_line(body, &self.vocabulary);
        // The body ends the trimmed line, so the line's length adds the marker's to the body's;
        // a line that is no list item has no marker.
        let marker = match item {
            true => weighted_len(&trimmed[..trimmed.len() - body.len()]),
            false => 0,
        };
        Line {
            body,
            item,
            cells: table_row(body),
            dialogue: item && trimmed.starts_with('-') && ends_like_sentence(body),
            chars: tokens.weighted_len(),
            line_chars: tokens.weighted_len() + marker,
            tokens,
            hits: 0,
        }
    }

    /// The stopword list with the most hits over all tokens of the document, if those hits make
    /// at least `min_language_share` of the tokens.
    /// `hits` counts, for each language, the tokens in its list.
    fn detect_language(&self, lines: &[Line], hits: &[usize]) -> Option<usize> {
        let total: usize = lines.iter().map(|l| l.tokens.len()).sum();
        let mut best: Option<(usize, usize)> = None;
        for (lang, &n) in hits.iter().enumerate() {
            if n > best.map_or(0, |b| b.1) {
                best = Some((lang, n));
            }
        }
        best.filter(|&(_, hits)| hits as f64 >= self.settings.min_language_share * total as f64)
            .map(|b| b.0)
    }

    /// The stopword density under which a line is not prose: a share of the density of the
    /// document's own long lines (what prose looks like on this page), at most `stopword_max`.
    fn threshold(&self, lines: &[Line]) -> f64 {
        let s = &self.settings;
        let long: Vec<&Line> = lines
            .iter()
            .filter(|l| l.chars >= s.len_high && !l.item)
            .collect();
        let reference: Vec<&Line> = if long.len() >= 3 {
            long
        } else {
            lines.iter().filter(|l| l.tokens.len() >= 10).collect()
        };
        let words: usize = reference.iter().map(|l| l.tokens.len()).sum();
        if words == 0 {
            return s.stopword_max;
        }
        let hits: usize = reference.iter().map(|l| l.hits).sum();
        s.stopword_max
            .min(s.stopword_ratio * hits as f64 / words as f64)
    }

    /// The initial class of a line, with the reason when the line is bad on its own.
    fn classify(&self, line: &Line, threshold: f64, repeated: bool) -> (Class, Option<Reason>) {
        let s = &self.settings;
        let n = line.tokens.len();
        if n == 0 {
            return (Class::Bad, Some(Reason::NoWords));
        }
        if s.copyright && line.tokens.has_copyright_sign() {
            return (Class::Bad, Some(Reason::Copyright));
        }
        if s.list_items && line.item && line.chars < s.len_high && !line.dialogue {
            // A whole sentence of prose is a point of the article (a step of a recipe), no link.
            let sentence = line.chars >= s.len_low
                && ends_like_sentence(line.body)
                && line.hits as f64 >= threshold * n as f64;
            return match sentence {
                true => (Class::NearGood, None),
                false => (Class::Short, None),
            };
        }
        if line.row() {
            return (Class::Short, None);
        }
        if line.chars < s.len_low {
            return (Class::Short, None);
        }
        // A line said twice is chrome (a menu, a share bar), unless it ends like a sentence: the
        // question put to each guest of an interview, a step of a recipe. Then its neighbours
        // decide.
        if s.repeated_lines && repeated {
            return if ends_like_sentence(line.body) {
                (Class::Short, None)
            } else {
                (Class::Bad, Some(Reason::RepeatedLine))
            };
        }
        let density = line.hits as f64 / n as f64;
        if density < threshold {
            // The credit line of an embedded post, "— Jane Smith (@jsmith) May 1, 2024", has few
            // stopwords; the post it closes is quoted by the article, so its neighbours decide.
            // A sentence that the threshold asks only a few stopwords of proves nothing by
            // missing them: a short one, or one in a language whose list covers little of its
            // prose (Korean, where endings and particles are parts of words).
            let unproven = threshold * (n as f64) < s.stopword_evidence
                && ends_like_sentence(line.body)
                && !has_separated_parts(line.body);
            return if density >= s.weak_ratio * threshold || is_post_credit(line.body) || unproven {
                (Class::Short, None)
            } else {
                (Class::Bad, Some(Reason::FewStopwords))
            };
        }
        if line.chars >= s.len_high {
            (Class::Good, None)
        } else {
            (Class::NearGood, None)
        }
    }

    /// Keeps up to `head_lines` title-shaped lines right before the first kept line, but only
    /// when nothing else precedes them (the document opens with its headline). A headline is
    /// made of content words, so few stopwords do not disqualify it; any other bad sign does.
    /// Failing that, a headline set apart from the lead by up to `head_gap` lines of a few words
    /// (a byline, a widget label) is kept alone, when it opens the document and has more words
    /// than each of them. Failing that too, the one headline-like line before the lead, after
    /// the page's chrome, is kept (see [`headline_shaped`]), with up to `head_gap` lines of a few
    /// words between them; when two such lines stand there, the second a longer phrase of prose,
    /// it is kept, and the first too unless it is a kicker (a headline and its standfirst).
    fn keep_headline(
        &self,
        lines: &[Line],
        initial: &[(Class, Option<Reason>)],
        keep: &mut [bool],
    ) {
        let Some(first) = keep.iter().position(|&k| k) else {
            return;
        };
        let may_head = |k: usize| {
            title_shaped(&lines[k])
                && (initial[k].0 != Class::Bad || initial[k].1 == Some(Reason::FewStopwords))
        };
        let mut start = first;
        while start > 0 && first - start < self.settings.head_lines && may_head(start - 1) {
            start -= 1;
        }
        if start == 0 {
            keep[..first].iter_mut().for_each(|k| *k = true);
            return;
        }
        if (2..=self.settings.head_gap + 1).contains(&first)
            && may_head(0)
            && lines[0].tokens.len() > FEW_WORDS
            && lines[1..first].iter().all(|l| l.tokens.len() <= FEW_WORDS)
        {
            keep[0] = true;
            return;
        }
        // A headline after the page's chrome (a menu, a breadcrumb, a kicker), before the lead
        // (a label or a byline of a few words may stand between), is kept alone: a line of more
        // than a few words, shorter than a paragraph, shaped like a headline, and not the last
        // of a run of such lines (teasers).
        let labels = lines[..first]
            .iter()
            .rev()
            .take(self.settings.head_gap)
            .take_while(|l| l.tokens.len() <= FEW_WORDS)
            .count();
        let Some(head) = first.checked_sub(labels + 1) else {
            return;
        };
        let headline_like =
            |k: usize| may_head(k) && !lines[k].row() && lines[k].tokens.len() > FEW_WORDS;
        let shaped = |k: usize| {
            headline_like(k)
                && lines[k].chars < self.settings.len_high
                && headline_shaped(lines[k].body)
        };
        if self.settings.head_lines == 0 || !shaped(head) {
            return;
        }
        if head == 0 || !headline_like(head - 1) {
            keep[head] = true;
        } else if initial[head].0 != Class::Bad
            && lines[head].chars >= self.settings.len_low
            && shaped(head - 1)
            && lines[head].tokens.len() > lines[head - 1].tokens.len()
            && (head == 1 || !headline_like(head - 2))
        {
            // Two headline-like lines, the second a longer phrase of prose: a headline under its
            // kicker, or a standfirst under its headline. The first is kept too when it is no
            // kicker: of more than a few words, and no label ("Topic: ...").
            keep[head] = true;
            let kicker = lines[head - 1].tokens.len() <= 2 * FEW_WORDS
                || lines[head - 1]
                    .body
                    .split_once(": ")
                    .is_some_and(|(label, _)| label.split_whitespace().count() <= 2);
            if self.settings.head_lines >= 2 && !kicker {
                keep[head - 1] = true;
            }
        }
    }
}

/// True for each line under a content line that announces it by ending in a colon ("the city
/// offers, among others:", "paste the following into the file:") down to the next content line:
/// a list, a code block, the steps of a recipe, however few its stopwords. Lines the rules
/// removed (a code block's "Copy code" button) do not end it. Those of them that are short weigh
/// nothing in the search of the main block, so the paragraphs after them stay with the article.
/// A short line of five words or more that ends in a colon right under a content line ("The main
/// rules at a glance:") announces too, and is itself announced: the article introduces its list.
/// A label of fewer words ("Tags:", "Share this:") announces nothing.
fn announced_lines(lines: &[Line], cls0: &[Class]) -> Vec<bool> {
    const ANNOUNCING_WORDS: usize = 5;
    let content = |k: usize| matches!(cls0[k], Class::Good | Class::NearGood);
    let colon = |k: usize| lines[k].body.trim_end().ends_with([':', '：']);
    // A short phrase introducing the list under a paragraph.
    let intro = |k: usize| {
        cls0[k] == Class::Short
            && content(k - 1)
            && !lines[k].item
            && lines[k].tokens.len() >= ANNOUNCING_WORDS
            && colon(k)
    };
    let mut announced = vec![false; lines.len()];
    for k in 1..lines.len() {
        if matches!(cls0[k], Class::Short | Class::Bad) {
            announced[k] = intro(k) || announced[k - 1] || (content(k - 1) && colon(k - 1));
        }
    }
    announced
}

/// True for each line of every run of short lines in which half the lines or more, three at
/// least, open with a quantity: a number (or ½, ¼, ¾) followed by two words or more ("250 g di
/// ceci secchi", "2 tbsp olive oil"), not a date or a time of day, with no year among its first
/// words. A recipe's ingredients, a product's specifications: the article's own list, whose lines
/// have few stopwords and would weigh against the main block like a menu, and that the block
/// keeps even when its neighbours would not make it content (a recipe card's line of times above
/// it). Numbers 1, 2, 3, ... in order are a ranking (most read) or steps, not quantities; lines of
/// a number and a count ("14h 261") are no quantity either.
fn quantity_runs(lines: &[Line], cls0: &[Class]) -> Vec<bool> {
    let mut quantities = vec![false; lines.len()];
    for run in runs(lines.len(), |k| cls0[k] == Class::Short) {
        let numbers: Vec<usize> = lines[run.clone()]
            .iter()
            .filter_map(|l| quantity(l.body))
            .collect();
        let ranking = numbers.iter().enumerate().all(|(i, &n)| n == i + 1);
        if numbers.len() >= 3 && 2 * numbers.len() >= run.len() && !ranking {
            quantities[run].fill(true);
        }
    }
    quantities
}

/// True for each line of every run of two or more short lines that are fields: a label of one to
/// four words, a colon and a value ("Pris: 21 990 kronor", "Daftar ulang: 28 Juni–2 Juli 2024").
/// A review's fact box, a notice's schedule, a book's details: the article's own data, whose lines
/// have few stopwords and would weigh against the main block like a menu, cutting off the verdict
/// or the paragraphs after them. A menu's links are no fields.
fn field_runs(lines: &[Line], cls0: &[Class]) -> Vec<bool> {
    let mut fields = vec![false; lines.len()];
    for run in runs(lines.len(), |k| {
        cls0[k] == Class::Short && is_field(lines[k].body)
    }) {
        if run.len() >= 2 {
            fields[run].fill(true);
        }
    }
    fields
}

/// The maximal runs of consecutive positions in `0..n` where `in_run` holds, in order.
fn runs(n: usize, in_run: impl Fn(usize) -> bool) -> impl Iterator<Item = std::ops::Range<usize>> {
    let mut start = 0;
    std::iter::from_fn(move || {
        while start < n {
            let len = (start..n).take_while(|&k| in_run(k)).count();
            let run = start..start + len;
            start += len.max(1);
            if !run.is_empty() {
                return Some(run);
            }
        }
        None
    })
}

/// True for a line of a label of one to four words, a colon and a value.
fn is_field(body: &str) -> bool {
    let Some((label, value)) = body.split_once(':') else {
        return false;
    };
    let words = label.split_whitespace().count();
    (1..=4).contains(&words)
        && label.chars().next().is_some_and(char::is_alphabetic)
        && label
            .chars()
            .all(|c| c.is_alphanumeric() || c == ' ' || c == '-' || c == '’' || c == '\'')
        && value.starts_with(' ')
        && !value.trim().is_empty()
}

/// The fewest lines of a schedule (see [`schedule_runs`]).
const SCHEDULE_LINES: usize = 3;

/// True for each line of every schedule: [`SCHEDULE_LINES`] or more short lines in a row, each
/// opening with a time ([`opening_time`]) and naming what happens then, the times never going
/// back ("10:00 – Doors open", "10:30 – Talk: …", "12:30 Lunch"). A festival's programme, a
/// meeting's agenda, an episode's chapters: the article's own list, whose lines have few
/// stopwords and would weigh against the main block like a menu. A ticker of the latest headlines
/// opens its lines with times too, but newest first: its times go back, so it is no schedule.
fn schedule_runs(lines: &[Line], cls0: &[Class]) -> Vec<bool> {
    let mut schedules = vec![false; lines.len()];
    let times: Vec<Option<u32>> = (lines.iter().zip(cls0))
        .map(|(l, &c)| (c == Class::Short).then(|| opening_time(l.body))?)
        .collect();
    for run in runs(lines.len(), |k| times[k].is_some()) {
        // Each stretch of the run where the times never go back (a day's programme).
        let mut start = run.start;
        for k in run.start + 1..=run.end {
            if k < run.end && times[k] >= times[k - 1] {
                continue;
            }
            if k - start >= SCHEDULE_LINES && times[start] < times[k - 1] {
                schedules[start..k].fill(true);
            }
            start = k;
        }
    }
    schedules
}

/// The time a line opens with, as a number that orders times ("9:30", "21.00", "7pm",
/// "10.30 a.m.", and the running times of a recording, "1:02:30"), when words follow it (more
/// than a time zone); `None` otherwise. Numbers with a dot are times only up to 23.59 and when
/// no more digits or another dot follow (a date, "12.03.2025", or a figure).
fn opening_time(body: &str) -> Option<u32> {
    let b = body.as_bytes();
    let number = |at: usize| {
        let n = b[at..].iter().take_while(|c| c.is_ascii_digit()).count();
        let value = body[at..at + n].parse::<u32>().ok();
        value.map(|v| (v, n))
    };
    let (hours, n) = number(0).filter(|&(_, n)| n <= 2)?;
    let mut at = n;
    let mut time = hours * 60;
    let mark = b.get(at).copied();
    if matches!(mark, Some(b':' | b'.')) {
        let (minutes, n) = number(at + 1).filter(|&(m, n)| n == 2 && m < 60)?;
        at += 1 + n;
        time += minutes;
        if mark == Some(b'.') && (hours > 23 || matches!(b.get(at), Some(b'.' | b'0'..=b'9'))) {
            return None;
        }
        if mark == Some(b':') && b.get(at) == Some(&b':') {
            // Hours, minutes and seconds of a running time.
            let (seconds, n) = number(at + 1).filter(|&(s, n)| n == 2 && s < 60)?;
            at += 1 + n;
            time = time * 60 + seconds;
        }
    }
    let rest = &body[at..];
    let after_space = rest.trim_start();
    let lower = |s: &str, word: &str| {
        s.get(..word.len())
            .is_some_and(|p| p.eq_ignore_ascii_case(word))
    };
    let meridiem = ["a.m.", "p.m.", "am", "pm"].into_iter().find(|w| {
        lower(after_space, w) && !after_space[w.len()..].starts_with(char::is_alphanumeric)
    });
    let rest = match meridiem {
        Some(w) if hours <= 12 && hours > 0 => {
            let clock = hours % 12 + if w.starts_with('p') { 12 } else { 0 };
            time = clock * 60 + time % 60;
            &after_space[w.len()..]
        }
        Some(_) => return None,
        // A bare number is no time.
        None if at == n => return None,
        None => rest,
    };
    if rest.starts_with(|c: char| c.is_alphanumeric()) {
        return None;
    }
    // Words, not only a time zone ("16.05 GMT", a live report's stamp).
    rest.chars()
        .any(|c| c.is_alphabetic() && !c.is_uppercase())
        .then_some(time)
}

/// The number a line opens with when it reads as a quantity of something (see
/// [`quantity_runs`]); a fraction sign counts as 0.
fn quantity(body: &str) -> Option<usize> {
    let digits = body.bytes().take_while(u8::is_ascii_digit).count();
    let number = match digits {
        1..=4 => body[..digits].parse().ok()?,
        0 if body.starts_with(['½', '¼', '¾']) => 0,
        _ => return None,
    };
    let mut words = body.split_whitespace();
    // A date or a time of day ("12.03.2025", "2025-03-12", "14:30") opens a ticker's line.
    let first = words.next()?;
    let marks = first
        .bytes()
        .filter(|b| matches!(b, b'.' | b'/' | b'-'))
        .count();
    if marks >= 2 || first.contains(':') {
        return None;
    }
    let year = |w: &&str| {
        let digits = w.trim_matches(|c: char| !c.is_ascii_digit());
        digits.len() == 4
            && digits.bytes().all(|b| b.is_ascii_digit())
            && (digits.starts_with("19") || digits.starts_with("20"))
    };
    if std::iter::once(first)
        .chain(words.clone().take(3))
        .any(|w| year(&w))
    {
        return None;
    }
    let named = words
        .filter(|w| {
            !w.starts_with(|c: char| c.is_ascii_digit()) && w.chars().any(char::is_alphabetic)
        })
        .count();
    (named >= 2).then_some(number)
}

/// Keeps the numbered list that the last kept line announces by ending in a colon ("the offers
/// not to miss:"), when the list follows it right away: items numbered 1, 2, 3, … in order
/// (`1.` or `1)`), two at least, with at most [`ITEM_GAP`] lines between one item and the next
/// (a link, a price). Each item is a few words with few stopwords, so the heuristics alone would
/// take the list for a menu; announced and numbered in order, it is the article's. When every
/// item is followed by as many lines, as many lines after the last item are kept too. A line
/// dropped by a rule ends the list.
fn keep_announced_list(lines: &[Line], pos: &[usize], keep: &mut [bool]) {
    let Some(last) = keep.iter().rposition(|&k| k) else {
        return;
    };
    if !lines[last].body.trim_end().ends_with([':', '：']) {
        return;
    }
    let (mut items, mut previous, mut end) = (0, last, last);
    // The lines between one item and the next, while that number is the same for every item.
    let (mut stride, mut regular) = (None, true);
    for k in last + 1..lines.len() {
        if pos[k] != pos[k - 1] + 1 || k - previous > ITEM_GAP + 1 {
            break;
        }
        match item_number(lines[k].body) {
            Some(n) if n == items + 1 => {
                if items > 0 {
                    let gap = k - previous - 1;
                    regular &= stride.is_none_or(|g| g == gap);
                    stride = Some(gap);
                }
                items += 1;
                (previous, end) = (k, k);
            }
            Some(_) => break,
            None => {}
        }
    }
    if items < 2 {
        return;
    }
    // The lines that followed every item follow the last one too.
    let gap = stride.filter(|_| regular).unwrap_or(0);
    let tail = (end + 1..lines.len())
        .take_while(|&k| pos[k] == pos[k - 1] + 1 && item_number(lines[k].body).is_none())
        .take(gap)
        .count();
    if tail == gap {
        end += gap;
    }
    keep[last + 1..=end].iter_mut().for_each(|k| *k = true);
}

/// Keeps the interview that goes on after the last kept line in the speakers' labels the kept
/// text already uses: when two labels or more ("Q:" and "A:", "PV:" and "Ông Nam:") open two kept
/// lines each, the lines right after the last kept one are kept while each opens with one of
/// those labels, another than the line before it. Quick-fire questions and their short answers
/// ("Q: Favorite apps?" / "A: Maps and Mail") look like a menu on their own; a line dropped by a
/// rule, or any other line, ends the exchange.
fn keep_continued_exchange(lines: &[Line], pos: &[usize], keep: &mut [bool]) {
    let Some(last) = keep.iter().rposition(|&k| k) else {
        return;
    };
    let mut counts: Vec<(&str, usize)> = Vec::new();
    for k in (0..=last).filter(|&k| keep[k]) {
        if let Some(label) = speaker_label(lines[k].body) {
            match counts.iter_mut().find(|(l, _)| *l == label) {
                Some((_, n)) => *n += 1,
                None => counts.push((label, 1)),
            }
        }
    }
    counts.retain(|&(_, n)| n >= 2);
    if counts.len() < 2 {
        return;
    }
    let mut previous = speaker_label(lines[last].body);
    for k in last + 1..lines.len() {
        if pos[k] != pos[k - 1] + 1 {
            break;
        }
        match speaker_label(lines[k].body) {
            Some(label) if previous != Some(label) && counts.iter().any(|&(l, _)| l == label) => {
                keep[k] = true;
                previous = Some(label);
            }
            _ => break,
        }
    }
}

/// The speaker's label that opens a line of an interview: one to three words, the first
/// capitalised, before a colon and a space, 20 bytes at most ("Q", "A", "PV", "Ông Nam").
fn speaker_label(body: &str) -> Option<&str> {
    let head = &body.as_bytes()[..body.len().min(21)];
    let colon = memchr::memchr(b':', head).filter(|&c| c >= 1)?;
    let label = &body[..colon];
    (body[colon + 1..].starts_with(' ')
        && label.chars().next().is_some_and(char::is_uppercase)
        && label.split(' ').count() <= 3)
        .then_some(label)
}

/// The most lines between two items of an announced list (see [`keep_announced_list`]).
const ITEM_GAP: usize = 2;

/// True when `body` ends like a sentence: `.` `!` `?` `…` or a closing quote.
pub(crate) fn ends_like_sentence(body: &str) -> bool {
    body.trim_end()
        .ends_with(['.', '!', '?', '…', '"', '”', '»'])
}

/// True for the credit line under an embedded social-media post: a dash, the author, the handle
/// in brackets, the date ending in its year ("— Jane Smith (@jsmith) May 1, 2024").
fn is_post_credit(body: &str) -> bool {
    (body.starts_with('—') || body.starts_with('–'))
        && body.contains("(@")
        && body.len() >= 4
        && body.as_bytes()[body.len() - 4..]
            .iter()
            .all(u8::is_ascii_digit)
}

/// The number of a line numbered as a list item: 1 to 3 digits, then `.` or `)`, then white
/// space.
pub(crate) fn item_number(body: &str) -> Option<usize> {
    let digits = body.bytes().take_while(u8::is_ascii_digit).count();
    let rest = body[digits..].strip_prefix(['.', ')'])?;
    if !(1..=3).contains(&digits) || !rest.starts_with(char::is_whitespace) {
        return None;
    }
    body[..digits].parse().ok()
}

/// True when a title-shaped line may be a headline standing after the page's chrome: it holds no
/// clock time ("1:07 AM") or numeric date ("14/5/2025"), no parts set apart by ` | `, ` · `,
/// ` • ` or ` / ` (a photo credit, a dateline), is no label with a value of a word or two
/// ("Reading time: 1 minute"), and no enumeration (three commas or more: a line of names).
fn headline_shaped(body: &str) -> bool {
    let digit_around =
        |w: &[u8], mark: u8| w[0].is_ascii_digit() && w[1] == mark && w[2].is_ascii_digit();
    let bytes = body.as_bytes();
    !(bytes
        .windows(3)
        .any(|w| digit_around(w, b':') || digit_around(w, b'/'))
        || has_separated_parts(body)
        || body
            .split_once(':')
            .is_some_and(|(_, value)| value.split_whitespace().count() <= 2)
        || bytes.iter().filter(|&&b| b == b',').count() >= 3)
}

/// True when `body` holds parts set apart by ` | `, ` · `, ` • ` or ` / `: a credit, a dateline,
/// a bar of links or of figures, no sentence of prose. (Not [`is_field`]: a label and a value.)
fn has_separated_parts(body: &str) -> bool {
    [" | ", " · ", " • ", " / "]
        .iter()
        .any(|s| body.contains(s))
}

/// The most words of a line that may stand between a headline and the lead (see
/// [`Heuristics::keep_headline`]): a name, a label, a counter.
const FEW_WORDS: usize = 3;

/// True when a line could be a headline: not a list item, two words or more, under 200 characters,
/// no ©, and not ending like a sentence or a label (`.` `:` `;` `,`).
fn title_shaped(line: &Line) -> bool {
    line.tokens.len() >= 2
        && !line.item
        && line.chars < 200
        && !line.tokens.has_copyright_sign()
        && !line.body.trim_end().ends_with(['.', ':', ';', ','])
}

/// Makes undecided the near-good lines of every run of `min_run` or more title-shaped lines in a
/// row (table rows aside): one headline after another is a list of links to other pages (teasers,
/// related or most-read articles, a menu), not the article, whose sentences end. Undecided, such a
/// run takes the class of the text around it and weighs against the main block.
fn undecide_title_runs(lines: &[Line], min_run: usize, initial: &mut [(Class, Option<Reason>)]) {
    for run in runs(lines.len(), |k| !lines[k].row() && title_shaped(&lines[k])) {
        if run.len() >= min_run {
            for c in &mut initial[run] {
                if c.0 == Class::NearGood {
                    *c = (Class::Short, None);
                }
            }
        }
    }
}

/// In a document whose paragraphs are set apart by blank lines (three content lines or more stand
/// alone), makes undecided the good and near-good lines of every run of `min_run` or more lines
/// with no blank line between them: such a run is a list (teasers with their summaries, links),
/// laid out unlike the article. Undecided, it takes the class of the text around it; it keeps
/// its weight as content in the main-block search, so a list inside the article does not split
/// it. Returns which lines were made undecided.
fn undecide_packed_runs(
    pos: &[usize],
    spaced: &[bool],
    min_run: usize,
    initial: &mut [(Class, Option<Reason>)],
) -> Vec<bool> {
    let mut packed = vec![false; pos.len()];
    let alone = (0..pos.len())
        .filter(|&k| {
            let i = pos[k];
            initial[k].0 == Class::Good && spaced[i] && spaced.get(i + 1).is_none_or(|&s| s)
        })
        .count();
    if alone < 3 {
        return packed;
    }
    // The run of lines (in `spaced`, rule removals included) that each line belongs to.
    let mut run_start = vec![0; spaced.len()];
    for i in 1..spaced.len() {
        run_start[i] = if spaced[i] { i } else { run_start[i - 1] };
    }
    // How many lines of each run look like content.
    let content = |c: &(Class, Option<Reason>)| matches!(c.0, Class::Good | Class::NearGood);
    let mut run_content = vec![0; spaced.len()];
    for (k, &i) in pos.iter().enumerate() {
        run_content[run_start[i]] += usize::from(content(&initial[k]));
    }
    for (k, &i) in pos.iter().enumerate() {
        if run_content[run_start[i]] >= min_run && content(&initial[k]) {
            initial[k] = (Class::Short, None);
            packed[k] = true;
        }
    }
    packed
}

/// The cells of a line laid out as a table row: three or more, set apart by runs of two spaces
/// or more or by tabs, as text dumps of HTML tables are; 0 for any other line. Prose typed with
/// two spaces after each sentence is no row: a gap right after `.`, `!` or `?` parts no cells.
/// Rows are undecided: a table between paragraphs is content, one among menus is not.
fn table_row(body: &str) -> usize {
    let bytes = body.as_bytes();
    if memchr::memmem::find(bytes, b"  ").is_none() && memchr::memchr(b'\t', bytes).is_none() {
        return 0;
    }
    let mut gaps = 0;
    let mut i = 1;
    while i < bytes.len() {
        let gap = bytes[i..]
            .iter()
            .take_while(|&&b| b == b' ' || b == b'\t')
            .count();
        if (gap >= 2 || bytes[i] == b'\t')
            && i + gap < bytes.len()
            && !matches!(bytes[i - 1], b'.' | b'!' | b'?' | b' ' | b'\t')
        {
            gaps += 1;
        }
        i += gap.max(1);
    }
    if gaps >= 2 {
        gaps + 1
    } else {
        0
    }
}

/// The cells of a line whose cells are set apart by ` | ` (`a | b`, `| a | b |`): two or more;
/// 0 for any other line.
fn pipe_cells(body: &str) -> usize {
    if memchr::memchr(b'|', body.as_bytes()).is_none() {
        return 0;
    }
    let inner = body
        .trim_start_matches("| ")
        .trim_end_matches(" |")
        .as_bytes();
    let bars = memchr::memchr_iter(b'|', inner)
        .filter(|&i| i > 0 && inner[i - 1] == b' ' && inner.get(i + 1) == Some(&b' '))
        .count();
    match bars {
        0 => 0,
        bars => bars + 1,
    }
}

/// Rows of tables dumped with ` | ` between cells: runs of three lines or more with the same
/// number of such cells (a specification, a league table). A line or two alone are a bar of
/// links, a byline and a dateline, or a credit, and no rows.
fn mark_pipe_tables(lines: &mut [Line]) {
    let cells: Vec<usize> = lines.iter().map(|l| pipe_cells(l.body)).collect();
    let mut start = 0;
    for run in cells.chunk_by(|a, b| a == b) {
        if run[0] > 0 && run.len() >= 3 {
            for line in &mut lines[start..start + run.len()] {
                line.cells = line.cells.max(run[0]);
            }
        }
        start += run.len();
    }
}

/// The rest of a trimmed line after its list marker (`*`, `+`, `o`, `•` or `-`, then white space or
/// the end of the line), or `None` when it does not start with one.
fn strip_list_mark(line: &str) -> Option<&str> {
    let rest = line.strip_prefix(['*', '+', 'o', '•', '-'])?;
    let body = rest.trim_start();
    (body.len() < rest.len() || rest.is_empty()).then_some(body)
}

/// The class of the nearest line from `i` in direction `step` that is good or bad (or near-good,
/// unless `skip_near`); past either end of the document, bad.
fn neighbour(cls: &[Class], i: usize, step: isize, skip_near: bool) -> Class {
    let mut j = i as isize + step;
    while j >= 0 && (j as usize) < cls.len() {
        match cls[j as usize] {
            c @ (Class::Good | Class::Bad) => return c,
            Class::NearGood if !skip_near => return Class::NearGood,
            _ => {}
        }
        j += step;
    }
    Class::Bad
}

/// jusText's context revision (without its heading rules): a short line right between two
/// near-good lines is good; otherwise between two lines of the same class it takes it, and
/// between good and bad it is good only next to near-good text. Then a
/// near-good line between two bad ones is bad, otherwise good.
fn revise(cls0: &[Class]) -> Vec<Class> {
    let mut out = cls0.to_vec();
    for (i, &c) in cls0.iter().enumerate() {
        if c != Class::Short {
            continue;
        }
        let (prev, next) = (neighbour(cls0, i, -1, true), neighbour(cls0, i, 1, true));
        let near_both = neighbour(cls0, i, -1, false) == Class::NearGood
            && neighbour(cls0, i, 1, false) == Class::NearGood;
        out[i] = if near_both {
            // Between two near-good lines (a sub-heading among short paragraphs) it is content.
            Class::Good
        } else if prev == next {
            prev
        } else if (prev == Class::Bad && neighbour(cls0, i, -1, false) == Class::NearGood)
            || (next == Class::Bad && neighbour(cls0, i, 1, false) == Class::NearGood)
        {
            Class::Good
        } else {
            Class::Bad
        };
    }
    let mid = out.clone();
    for (i, &c) in mid.iter().enumerate() {
        if c == Class::NearGood {
            let bad_both = neighbour(&mid, i, -1, true) == Class::Bad
                && neighbour(&mid, i, 1, true) == Class::Bad;
            out[i] = if bad_both { Class::Bad } else { Class::Good };
        }
    }
    out
}

/// Widens the main block over the part before it, and the part after it, when that part holds
/// no chrome at all: a document without boilerplate loses nothing to the block search, which
/// would otherwise cut a short article at its lists and short paragraphs.
fn widen_over_clean_edges(
    block: std::ops::RangeInclusive<usize>,
    chrome: &[bool],
) -> std::ops::RangeInclusive<usize> {
    let (mut start, mut end) = block.into_inner();
    if !chrome[..start].iter().any(|&c| c) {
        start = 0;
    }
    if !chrome[end + 1..].iter().any(|&c| c) {
        end = chrome.len() - 1;
    }
    start..=end
}

/// The most lines removed by rules that [`join_across_removed`] joins across: a related box or a
/// table of contents, a heading and a few links.
const JOINED_GAP: usize = 10;

/// Joins to the main block the lines before it (and after it) that only lines removed by rules
/// separate from it, up to [`JOINED_GAP`] of them, when the line across the gap ends (begins) a
/// section of the article, as the first (second) test of `sections` tells; a paragraph, good on
/// its own, does both. From there, as far as those lines weigh for the block. A related box or a
/// table of contents that the rules removed between the lead and the body does not cut the
/// article in two, though its lines weigh against the block as chrome. Before the block, the
/// lines of a gap are those `before` admits (the removed ones and short lines of metadata), and
/// `crossed` is set for them: they stay out of the article. The gap begins above any lines that
/// weigh nothing right above the block (a sub-heading or a table that opens the article).
fn join_across_removed(
    block: std::ops::RangeInclusive<usize>,
    values: &[i64],
    before: impl Fn(usize) -> bool,
    removed: &[bool],
    sections: (impl Fn(usize) -> bool, impl Fn(usize) -> bool),
    crossed: &mut [bool],
) -> std::ops::RangeInclusive<usize> {
    // The best run of values along `run`, which starts at the line across the gap.
    fn reach(values: &[i64], run: impl Iterator<Item = usize>) -> Option<usize> {
        let (mut sum, mut best, mut at) = (0, 0, None);
        for j in run {
            sum += values[j];
            if sum > best {
                (best, at) = (sum, Some(j));
            }
        }
        at
    }
    let (mut start, mut end) = block.into_inner();
    loop {
        // Lines that weigh nothing right above the block (a sub-heading that opens the first
        // section) stand with it: the gap begins above them.
        let top = (0..start)
            .rev()
            .take_while(|&i| values[i] == 0 && !removed[i])
            .last()
            .unwrap_or(start);
        let gap = (0..top).rev().take_while(|&i| before(i)).count();
        let across = top - gap;
        if gap == 0 || gap > JOINED_GAP || across == 0 || !(sections.0)(across - 1) {
            break;
        }
        match reach(values, (0..across).rev()) {
            Some(j) => {
                crossed[across..top].fill(true);
                start = j;
            }
            None => break,
        }
    }
    loop {
        let gap = removed[end + 1..].iter().take_while(|&&r| r).count();
        let across = end + gap + 1;
        if gap == 0 || gap > JOINED_GAP || across == values.len() || !(sections.1)(across) {
            break;
        }
        match reach(values, across..values.len()) {
            Some(j) => end = j,
            None => break,
        }
    }
    start..=end
}

/// The contiguous run of lines with the largest positive sum of values (the first such run), or
/// `None` when no line has a positive value.
fn main_block(values: &[i64]) -> Option<std::ops::RangeInclusive<usize>> {
    let (mut best, mut block) = (0i64, None);
    let (mut current, mut start) = (0i64, 0usize);
    for (j, &v) in values.iter().enumerate() {
        if current <= 0 {
            current = v;
            start = j;
        } else {
            current += v;
        }
        if current > best {
            best = current;
            block = Some(start..=j);
        }
    }
    block
}

/// The words of a stopword list: one per line, lowercased; blank lines and `#` comments skipped.
fn parse_list(text: &str) -> HashSet<String> {
    text.lines()
        .map(str::trim)
        .filter(|w| !w.is_empty() && !w.starts_with('#'))
        .map(str::to_lowercase)
        .collect()
}

// ---- The `[heuristics]` table of a rule file -------------------------------------------------

fn yes() -> bool {
    true
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct HeuristicsToml {
    #[serde(default = "yes")]
    enabled: bool,
    languages: Option<Vec<Spanned<String>>>,
    #[serde(default)]
    stopwords: BTreeMap<String, Spanned<String>>,
    len_low: Option<Spanned<usize>>,
    len_high: Option<Spanned<usize>>,
    stopword_max: Option<Spanned<f64>>,
    stopword_ratio: Option<Spanned<f64>>,
    weak_ratio: Option<Spanned<f64>>,
    stopword_evidence: Option<Spanned<f64>>,
    min_language_share: Option<Spanned<f64>>,
    block_cost: Option<usize>,
    head_lines: Option<usize>,
    head_gap: Option<usize>,
    title_run: Option<usize>,
    copyright: Option<bool>,
    repeated_lines: Option<bool>,
    list_items: Option<bool>,
    weak_prose: Option<bool>,
    announced_lists: Option<bool>,
    exchanges: Option<bool>,
    quantity_lists: Option<bool>,
    field_lists: Option<bool>,
    schedule_lists: Option<bool>,
    packed_run: Option<usize>,
}

/// The 1-based line where a rule file's `[heuristics]` table starts (its header, or the first
/// dotted `heuristics.` key); 1 when no line starts that way.
pub(crate) fn table_line(text: &str) -> usize {
    text.lines()
        .position(|l| {
            let l = l.trim_start();
            l.starts_with("[heuristics") || l.starts_with("heuristics")
        })
        .map_or(1, |i| i + 1)
}

/// Compiles a `[heuristics]` table of `source`; `None` when it says `enabled = false`. Keys left
/// out take the defaults of [`Settings`], not the values of another file. User stopword lists are
/// read from paths relative to the rule file's folder.
pub(crate) fn compile(
    table: &HeuristicsToml,
    source: &RuleSource,
) -> Result<Option<Heuristics>, RuleError> {
    let file = source.name.as_str();
    let err = |span: std::ops::Range<usize>, msg: String| {
        RuleError::new(file, Some(line_col(&source.text, span.start)), msg)
    };
    let d = Settings::default();
    let share = |v: &Option<Spanned<f64>>, key: &str, default: f64| match v {
        Some(x) if !(0.0..=1.0).contains(x.get_ref()) => {
            Err(err(x.span(), format!("{key} must lie between 0 and 1")))
        }
        Some(x) => Ok(*x.get_ref()),
        None => Ok(default),
    };
    let settings = Settings {
        len_low: table.len_low.as_ref().map_or(d.len_low, |v| *v.get_ref()),
        len_high: table.len_high.as_ref().map_or(d.len_high, |v| *v.get_ref()),
        stopword_max: share(&table.stopword_max, "stopword_max", d.stopword_max)?,
        stopword_ratio: share(&table.stopword_ratio, "stopword_ratio", d.stopword_ratio)?,
        weak_ratio: share(&table.weak_ratio, "weak_ratio", d.weak_ratio)?,
        stopword_evidence: match &table.stopword_evidence {
            Some(x) if x.get_ref().is_nan() || *x.get_ref() < 0.0 => Err(err(
                x.span(),
                "stopword_evidence must be 0 or more".to_string(),
            ))?,
            Some(x) => *x.get_ref(),
            None => d.stopword_evidence,
        },
        min_language_share: share(
            &table.min_language_share,
            "min_language_share",
            d.min_language_share,
        )?,
        block_cost: table.block_cost.unwrap_or(d.block_cost),
        head_lines: table.head_lines.unwrap_or(d.head_lines),
        head_gap: table.head_gap.unwrap_or(d.head_gap),
        title_run: table.title_run.unwrap_or(d.title_run),
        copyright: table.copyright.unwrap_or(d.copyright),
        repeated_lines: table.repeated_lines.unwrap_or(d.repeated_lines),
        list_items: table.list_items.unwrap_or(d.list_items),
        weak_prose: table.weak_prose.unwrap_or(d.weak_prose),
        announced_lists: table.announced_lists.unwrap_or(d.announced_lists),
        exchanges: table.exchanges.unwrap_or(d.exchanges),
        quantity_lists: table.quantity_lists.unwrap_or(d.quantity_lists),
        field_lists: table.field_lists.unwrap_or(d.field_lists),
        schedule_lists: table.schedule_lists.unwrap_or(d.schedule_lists),
        packed_run: table.packed_run.unwrap_or(d.packed_run),
    };
    if settings.len_low > settings.len_high {
        let span = table
            .len_low
            .as_ref()
            .or(table.len_high.as_ref())
            .map_or(0..0, |v| v.span());
        return Err(err(span, "len_low must not exceed len_high".into()));
    }
    let mut lists: Vec<(String, HashSet<String>)> = Vec::new();
    match &table.languages {
        None => lists.extend(
            BUILTIN_STOPWORDS
                .iter()
                .map(|(c, t)| (c.to_string(), parse_list(t))),
        ),
        Some(codes) => {
            for code in codes {
                let Some((c, t)) = BUILTIN_STOPWORDS.iter().find(|(c, _)| c == code.get_ref())
                else {
                    let known: Vec<&str> = BUILTIN_STOPWORDS.iter().map(|(c, _)| *c).collect();
                    return Err(err(
                        code.span(),
                        format!(
                            "no built-in stopword list `{}` (there are: {}); give your own under \
                             [heuristics.stopwords]",
                            code.get_ref(),
                            known.join(", ")
                        ),
                    ));
                };
                if !lists.iter().any(|(k, _)| k == c) {
                    lists.push((c.to_string(), parse_list(t)));
                }
            }
        }
    }
    for (code, path) in &table.stopwords {
        let folder = Path::new(file).parent().unwrap_or(Path::new(""));
        let full = folder.join(path.get_ref());
        let text = std::fs::read_to_string(&full).map_err(|e| {
            err(
                path.span(),
                format!("cannot read stopword list {}: {e}", full.display()),
            )
        })?;
        let words = parse_list(&text);
        if words.is_empty() {
            return Err(err(
                path.span(),
                format!("stopword list {} holds no words", full.display()),
            ));
        }
        lists.retain(|(k, _)| k != code);
        lists.push((code.clone(), words));
    }
    Ok(table
        .enabled
        .then(|| Heuristics::with_lists(settings, lists)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn block_is_the_best_positive_run() {
        assert_eq!(main_block(&[-5, 3, 4, -10, 6, -1]), Some(1..=2));
        assert_eq!(main_block(&[-5, 3, -1, 4, -10]), Some(1..=3));
        assert_eq!(main_block(&[-1, -2]), None);
    }

    #[test]
    fn quantities_open_with_a_number_and_name_what_they_measure() {
        assert_eq!(quantity("250 g di ceci secchi"), Some(250));
        assert_eq!(quantity("2 tbsp olive oil"), Some(2));
        assert_eq!(quantity("1.2 litres vegetable stock"), Some(1));
        assert_eq!(quantity("½ tsp ground cumin"), Some(0));
        assert_eq!(quantity("8-9 ripe pears, cored"), Some(8));
        // Dates, times of day, years, counts, and lines without a number are not.
        assert_eq!(quantity("14:30 Ferry to the islands runs late"), None);
        assert_eq!(quantity("12.03.2025 Council approves the budget"), None);
        assert_eq!(quantity("2 March 2025 Council approves the budget"), None);
        assert_eq!(quantity("2024 in review"), None);
        assert_eq!(quantity("14h 261"), None);
        assert_eq!(quantity("3 eggs"), None);
        assert_eq!(quantity("Salt and black pepper"), None);
    }

    #[test]
    fn a_schedule_line_opens_with_a_time_and_names_what_happens() {
        assert_eq!(
            opening_time("17:30 – Opening procession"),
            Some(17 * 60 + 30)
        );
        assert_eq!(opening_time("9:05 Registration"), Some(9 * 60 + 5));
        assert_eq!(
            opening_time("21.00 to midnight – Late-night market"),
            Some(21 * 60)
        );
        assert_eq!(
            opening_time("7pm Fireworks over the harbour"),
            Some(19 * 60)
        );
        assert_eq!(opening_time("10.30 a.m. Choir"), Some(10 * 60 + 30));
        assert_eq!(opening_time("12 am: Bells"), Some(0));
        assert_eq!(opening_time("12pm Lunch"), Some(12 * 60));
        assert_eq!(opening_time("1:02:30 Questions"), Some((62 * 60) + 30));
        // Times of a ticker order as times: newest first, they go back.
        assert!(opening_time("14:48 Ferry runs late") > opening_time("14:34 Bridge closes"));
        // Dates, figures, counts, bare numbers and times with nothing after them are not.
        for other in [
            "12.03.2025 Council approves the budget",
            "3.5 million visitors",
            "24.5 km of new cycle lanes",
            "10 amazing beaches",
            "2024 in review",
            "14h 261",
            "16.05 GMT",
            "00:00 / 52:14",
            "21:00",
            "25.10 Something",
            "9:5 Registration",
            "Doors open at 10:00",
        ] {
            assert_eq!(opening_time(other), None, "{other}");
        }
    }

    #[test]
    fn a_field_is_a_short_label_a_colon_and_a_value() {
        for field in [
            "Pris: 21 990 kronor",
            "Daftar ulang: 28 Juni–2 Juli 2024",
            "Case officer: Nadia Marchetti",
            "장점: 뛰어난 머리카락 엉킴 방지",
        ] {
            assert!(is_field(field), "{field}");
        }
        for other in [
            "Tags:",
            "See https://example.com",
            "17:30 – Opening procession",
            "The five members of the committee said: no",
            "Note (updated): none",
            "Home",
        ] {
            assert!(!is_field(other), "{other}");
        }
    }

    #[test]
    fn short_line_takes_the_class_of_equal_neighbours() {
        use Class::*;
        assert_eq!(revise(&[Good, Short, Good]), vec![Good, Good, Good]);
        assert_eq!(revise(&[Bad, Short, Bad]), vec![Bad, Bad, Bad]);
        assert_eq!(revise(&[Bad, NearGood, Bad]), vec![Bad, Bad, Bad]);
    }

    #[test]
    fn the_shipped_file_states_every_default() {
        let text = include_str!("../rules/heuristics.toml");
        let rules = crate::RuleSet::from_sources(&[RuleSource::new("rules/heuristics.toml", text)])
            .expect("the shipped file compiles");
        let shipped = rules.heuristics_for(&[true]).expect("enabled");
        assert_eq!(shipped.settings, Settings::default());
        // Each key is written out, so the file documents them all.
        for key in [
            "len_low",
            "len_high",
            "stopword_max",
            "stopword_ratio",
            "weak_ratio",
            "stopword_evidence",
            "min_language_share",
            "block_cost",
            "head_lines",
            "head_gap",
            "title_run",
            "copyright",
            "repeated_lines",
            "list_items",
            "weak_prose",
            "announced_lists",
            "exchanges",
            "quantity_lists",
            "field_lists",
            "schedule_lists",
            "packed_run",
        ] {
            let line = format!("\n{key} = ");
            assert!(text.contains(&line), "{key}");
        }
    }

    #[test]
    fn rows_have_three_cells_apart_by_wide_gaps_or_tabs() {
        for row in [
            "Pos  Player  Plays",
            "1     Kyle Busch     5040",
            "a\tb\tc",
            "Name\t  Team   Points",
            "LB   Joe Schobert    74  7 tackles. 1 sack.",
        ] {
            assert!(table_row(row) >= 3, "{row:?}");
        }
        for prose in [
            "Pos  Player",
            "Two cells only\tand no more",
            "One sentence.  Another one.  A third.",
            "Is it?  It is!  Truly.",
            "single spaces only, as in most prose",
            "trailing gaps  ",
            "",
        ] {
            assert_eq!(table_row(prose), 0, "{prose:?}");
        }
    }

    #[test]
    fn cells_apart_by_bars_count_with_or_without_bars_at_the_ends() {
        for (line, cells) in [
            ("Display | 6.7-inch OLED", 2),
            ("| Pos. | Team | Pts |", 3),
            ("1 | CD Puerto Alto | 13 | 28", 4),
            ("Pos.|Team|Pts", 0),
            ("No bars at all", 0),
            ("| lone cell |", 0),
        ] {
            assert_eq!(pipe_cells(line), cells, "{line:?}");
        }
    }

    #[test]
    fn three_lines_with_as_many_cells_apart_by_bars_are_a_table_and_two_are_not() {
        let h = Heuristics::new(Settings::default(), None);
        let mut words = Words::default();
        let texts = [
            "By Kevin Rourke | Sports desk",
            "June 12, 2024 | Updated 7:15 a.m.",
            "The council met on Tuesday.",
            "Display | 6.7-inch OLED",
            "Battery | 5,500mAh",
            "Weight | 221g",
            "Pos. | Team | Pts",
        ];
        let mut lines: Vec<Line> = texts.iter().map(|t| h.analyse(t, &mut words)).collect();
        mark_pipe_tables(&mut lines);
        let rows: Vec<usize> = lines.iter().map(|l| l.cells).collect();
        assert_eq!(rows, [0, 0, 0, 2, 2, 2, 0]);
    }

    #[test]
    fn lines_with_the_same_words_group_whatever_their_case_and_punctuation() {
        let h = Heuristics::new(Settings::default(), None);
        let mut words = Words::default();
        let texts = [
            "Trang chủ > Thời SỰ",
            "trang CHỦ – thời sự!",
            "Trang chủ > Thời sự mới",
            "Thời sự > Trang chủ",
            "“Trang” chủ ... THỜI sự",
            "Internationalization of ĐƯỜNG",
            "internationalization, of đường",
            "Internationalizatio nof đường",
            "",
            "* --",
        ];
        let mut lines: Vec<Line> = texts.iter().map(|t| h.analyse(t, &mut words)).collect();
        let groups = [0, 0, 2, 3, 0, 5, 5, 7, 8, 8];
        assert_eq!(h.group_same_words(&lines), groups);
        // Were every hash the same, lines would still group by their words.
        for line in &mut lines {
            line.tokens = std::mem::take(&mut line.tokens).with_hash(7);
        }
        assert_eq!(h.group_same_words(&lines), groups);
    }

    #[test]
    fn list_markers_and_wide_characters() {
        let h = Heuristics::new(Settings::default(), None);
        let mut words = Words::default();
        let l = h.analyse("  * Trang chủ ", &mut words);
        assert!(l.item);
        assert_eq!(l.body, "Trang chủ");
        assert_eq!(
            Words::default().spell(l.body, &h.vocabulary),
            "trang chủ ".as_bytes()
        );
        assert_eq!(h.analyse("한국어", &mut words).chars, 9);
        assert!(!h.analyse("Ostrava", &mut words).item);
        assert!(h.analyse("-", &mut words).item);
        assert!(!h.analyse("-5 độ", &mut words).item);
        assert_eq!(h.analyse("•\u{2003}Tin", &mut words).body, "Tin");
    }
}

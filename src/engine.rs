//! The cleaning core: one pure function from a document's text and a compiled [`RuleSet`] to the
//! cleaned text plus a record of every removal and inline edit, each traced to its rule. No I/O
//! happens here, so the same core serves the CLI, `explain`, `check`, tests and bindings.
//!
//! Passes, in order (each sees what the previous ones left):
//! 1. sidebar: lines and blocks anywhere (lists, teasers, bylines with dates);
//! 2. header: from the top, lines removed while they match a header rule (blank lines and lines
//!    already removed are passed over); the header ends at the first other line;
//! 3. footer cut: the first marker line that passes its guard drops itself and the rest (a marker
//!    whose rule asks for it drops only itself and the links under it when the article resumes
//!    after them: a related box between two paragraphs);
//! 4. footer trailing: from the end, trailing lines removed while they match;
//! 5. inline: patterns cut out of kept lines (a dateline prefix, a glued timestamp);
//! 6. heuristics, when a rule file enables them: the kept lines, as edited, are judged by their
//!    features and context (see [`crate::heuristics`]);
//! 7. footer trailing again: the lines the heuristics dropped no longer stand below the article's
//!    last lines, so a closing byline or attribution above them is trailing now;
//! 8. layout: runs of blank lines become one, none at the start or end, one final newline.

use crate::heuristics::Verdict;
use crate::normalize::normalize;
use crate::rules::{RuleId, RuleOptions, RuleSet, Zone};

/// A line that was dropped, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Removal {
    /// 1-based line number in the document (after line ends are normalized to LF).
    pub line: usize,
    pub zone: Zone,
    pub rule: RuleId,
    /// Bytes the line took in the normalized document: its UTF-8 length plus its newline.
    pub bytes: usize,
}

/// A kept line that an inline rule shortened.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Edit {
    pub line: usize,
    pub rule: RuleId,
    pub before: String,
    pub after: String,
}

/// The result of cleaning one document.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Cleaned {
    /// The cleaned document, laid out as described in the module docs (empty when nothing is left).
    pub text: String,
    /// Dropped non-blank lines, in line order. Blank lines are layout and are never listed.
    pub removals: Vec<Removal>,
    /// Inline edits of kept lines, in line order.
    pub edits: Vec<Edit>,
}

impl Cleaned {
    /// Number of non-blank lines dropped.
    pub fn lines_removed(&self) -> usize {
        self.removals.len()
    }

    /// Number of non-blank lines of the cleaned text, as `text.lines()` counts them (a line is
    /// blank when nothing but its `\r` stands before its `\n`); found with SIMD `memchr`, as every
    /// document's report needs it.
    pub fn lines_kept(&self) -> usize {
        let bytes = self.text.as_bytes();
        let nonblank = |line: &[u8]| !line.is_empty() && line != b"\r";
        let mut start = 0;
        let mut count = 0;
        for end in memchr::memchr_iter(b'\n', bytes) {
            count += usize::from(nonblank(&bytes[start..end]));
            start = end + 1;
        }
        // The last line has no line end, so a carriage return is all of it.
        count + usize::from(start < bytes.len())
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Fate {
    Keep,
    Drop(Zone, RuleId),
}

impl RuleSet {
    /// Cleans one document whose relative path is unknown (path-scoped rule files do not apply).
    pub fn clean(&self, text: &str) -> Cleaned {
        self.clean_at(text, None)
    }

    /// Cleans one document; `path` (relative to the corpus root, `/`-separated) lets rule files
    /// scoped by a path glob apply.
    pub fn clean_at(&self, text: &str, path: Option<&str>) -> Cleaned {
        let text = normalize(text);
        let active = self.active_groups(&text, path);
        let lines = split_lines(&text);
        let mut fates = vec![Fate::Keep; lines.len()];
        let mut nonblank: Vec<usize> = Vec::with_capacity(lines.len());
        nonblank.extend((0..lines.len()).filter(|&i| !lines[i].is_empty()));

        self.mark_sidebar(&text, &lines, &nonblank, &active, &mut fates);
        self.mark_header(&lines, &active, &mut fates);
        self.mark_footer_cut(&text, &lines, &nonblank, &active, &mut fates);
        let last_kept = self.mark_trailing(&lines, &active, &mut fates);
        let (replaced, edits) = self.apply_inline(&lines, &active, &mut fates);
        self.mark_heuristics(&lines, &nonblank, &replaced, &active, &mut fates);
        // The lines the heuristics dropped no longer stand between the article's last lines and
        // the end: closing attributions and bylines above them are trailing now. (Where the line
        // that stopped the first pass is still kept, a second pass would stop there again.)
        if last_kept.is_some_and(|i| fates[i] != Fate::Keep) {
            self.mark_trailing(&lines, &active, &mut fates);
        }

        let removals = fates
            .iter()
            .enumerate()
            .filter_map(|(i, f)| match *f {
                Fate::Drop(zone, rule) if !lines[i].is_empty() => Some(Removal {
                    line: i + 1,
                    zone,
                    rule,
                    bytes: lines[i].len() + 1,
                }),
                _ => None,
            })
            .collect();
        let text = layout(&lines, &replaced, &fates);
        Cleaned {
            text,
            removals,
            edits,
        }
    }

    fn mark_sidebar(
        &self,
        text: &str,
        lines: &[&str],
        nonblank: &[usize],
        active: &[bool],
        fates: &mut [Fate],
    ) {
        if self.sidebar.is_empty() {
            return;
        }
        // Matches per rule, as positions in `nonblank`.
        let mut anchors: Vec<(RuleId, Vec<usize>)> = Vec::new();
        let literals = self.sidebar.literal_lines(text, lines, &self.rules, active);
        for (pos, &i) in nonblank.iter().enumerate() {
            let found = self
                .sidebar
                .first_match_at(lines, i, &literals, &self.rules, active);
            if let Some(id) = found {
                match anchors.iter_mut().find(|(r, _)| *r == id) {
                    Some((_, v)) => v.push(pos),
                    None => anchors.push((id, vec![pos])),
                }
            }
        }
        anchors.sort_by_key(|(id, _)| *id);
        for (id, positions) in anchors {
            let RuleOptions::Sidebar {
                before,
                after,
                min_run,
                list_after,
            } = self.rule(id).options
            else {
                continue;
            };
            // Group matches that stand together: consecutive matches at most `before + after`
            // non-blank lines apart belong to one list.
            let reach = before.saturating_add(after).saturating_add(1);
            // Lines of `nonblank` before this position are already taken: windows overlap, and
            // walking each one whole would cost matches × window, quadratic for wide windows.
            let mut covered = 0;
            let mut start = 0;
            while start < positions.len() {
                let mut end = start + 1;
                while end < positions.len() && positions[end] - positions[end - 1] <= reach {
                    end += 1;
                }
                if end - start >= min_run {
                    for &p in &positions[start..end] {
                        let lo = p.saturating_sub(before).max(covered);
                        let hi = p.saturating_add(after).min(nonblank.len() - 1);
                        covered = covered.max(hi + 1);
                        for &i in nonblank.get(lo..=hi).unwrap_or_default() {
                            if fates[i] == Fate::Keep {
                                fates[i] = Fate::Drop(Zone::Sidebar, id);
                            }
                        }
                        if list_after {
                            let first = (p + 1).max(covered);
                            let mut end = list_end(lines, nonblank, first);
                            // No list: a lone headline right under a label that stands alone.
                            if end == first
                                && first == p + 1
                                && first < nonblank.len()
                                && is_label_alone(lines[nonblank[p]])
                                && reads_as_headline(lines[nonblank[first]])
                            {
                                end = first + 1;
                            }
                            for &i in &nonblank[first..end] {
                                if fates[i] == Fate::Keep {
                                    fates[i] = Fate::Drop(Zone::Sidebar, id);
                                }
                            }
                            covered = covered.max(end);
                        }
                    }
                }
                start = end;
            }
        }
    }

    fn mark_header(&self, lines: &[&str], active: &[bool], fates: &mut [Fate]) {
        if self.header.is_empty() {
            return;
        }
        for (i, line) in lines.iter().enumerate() {
            if line.is_empty() || fates[i] != Fate::Keep {
                continue;
            }
            match self.header.first_match(line, &self.rules, active) {
                Some(id) => fates[i] = Fate::Drop(Zone::Header, id),
                None => break,
            }
        }
    }

    fn mark_footer_cut(
        &self,
        text: &str,
        lines: &[&str],
        nonblank: &[usize],
        active: &[bool],
        fates: &mut [Fate],
    ) {
        if self.footer_cut.is_empty() {
            return;
        }
        // Words are counted only up to the most any cut rule asks for, and only when a marker
        // asks (most documents have none): counting every word of every line would cost as much
        // as matching the rules.
        let words_needed = self
            .footer_cut
            .ids()
            .iter()
            .filter_map(|&id| match self.rule(id).options {
                RuleOptions::Footer {
                    min_words_before, ..
                } => Some(min_words_before),
                _ => None,
            })
            .max()
            .unwrap_or(0);
        // Words of the kept lines of `nonblank[..counted]`, once `words_needed` is reached no more.
        let (mut words_before, mut counted) = (0usize, 0usize);
        let literals = self
            .footer_cut
            .literal_lines(text, lines, &self.rules, active);
        for (pos, &i) in nonblank.iter().enumerate() {
            let found = self
                .footer_cut
                .first_match_at(lines, i, &literals, &self.rules, active);
            if let Some(id) = found {
                let RuleOptions::Footer {
                    min_position,
                    min_words_before,
                    unless_article_resumes,
                    ..
                } = self.rule(id).options
                else {
                    continue;
                };
                for &j in &nonblank[counted..pos] {
                    if words_before >= words_needed {
                        break;
                    }
                    if fates[j] == Fate::Keep {
                        words_before += count_words(lines[j]);
                    }
                }
                counted = pos;
                let far_enough = pos as f64 >= min_position * nonblank.len() as f64;
                if far_enough && words_before >= min_words_before {
                    if unless_article_resumes {
                        if let Some(links) =
                            links_before_resumed_article(lines, nonblank, pos, fates)
                        {
                            for j in std::iter::once(i).chain(links) {
                                fates[j] = Fate::Drop(Zone::Footer, id);
                            }
                            continue;
                        }
                    }
                    for (j, fate) in fates.iter_mut().enumerate().skip(i) {
                        if *fate == Fate::Keep && !lines[j].is_empty() {
                            *fate = Fate::Drop(Zone::Footer, id);
                        }
                    }
                    return;
                }
            }
        }
    }

    /// Drops the kept lines at the end that match a trailing rule, from the bottom up; returns
    /// the kept line that stopped it (`None` when none did).
    fn mark_trailing(&self, lines: &[&str], active: &[bool], fates: &mut [Fate]) -> Option<usize> {
        if self.footer_trailing.is_empty() {
            return None;
        }
        for i in (0..lines.len()).rev() {
            if lines[i].is_empty() || fates[i] != Fate::Keep {
                continue;
            }
            match self
                .footer_trailing
                .first_match(lines[i], &self.rules, active)
            {
                Some(id) => fates[i] = Fate::Drop(Zone::Footer, id),
                None => return Some(i),
            }
        }
        None
    }

    /// Drops the kept lines the heuristics judge to be boilerplate, crediting their pseudo-rules.
    /// Lines removed by rules are shown to the heuristics too, as boilerplate around the article.
    fn mark_heuristics(
        &self,
        lines: &[&str],
        nonblank: &[usize],
        replaced: &[Option<String>],
        active: &[bool],
        fates: &mut [Fate],
    ) {
        let Some(heuristics) = self.heuristics_for(active) else {
            return;
        };
        let texts: Vec<&str> = nonblank
            .iter()
            .map(|&i| replaced[i].as_deref().unwrap_or(lines[i]))
            .collect();
        let removed: Vec<bool> = nonblank.iter().map(|&i| fates[i] != Fate::Keep).collect();
        // Whether a blank line stands right above each line: paragraphs are set apart that way,
        // the items of a list are not.
        let spaced: Vec<bool> = nonblank
            .iter()
            .enumerate()
            .map(|(k, &i)| k == 0 || nonblank[k - 1] + 1 < i)
            .collect();
        for (&i, verdict) in nonblank
            .iter()
            .zip(heuristics.judge(&texts, &removed, &spaced))
        {
            if let Verdict::Drop { reason, zone } = verdict {
                if let Some(rule) = self.heuristic_rule(reason) {
                    fates[i] = Fate::Drop(zone, rule);
                }
            }
        }
    }

    /// Applies inline rules to kept lines; returns the replacement text of each edited line.
    fn apply_inline(
        &self,
        lines: &[&str],
        active: &[bool],
        fates: &mut [Fate],
    ) -> (Vec<Option<String>>, Vec<Edit>) {
        let mut replaced: Vec<Option<String>> = vec![None; lines.len()];
        let mut edits = Vec::new();
        if self.inline.is_empty() {
            return (replaced, edits);
        }
        let mut kept_index = 0usize;
        for i in 0..lines.len() {
            if lines[i].is_empty() || fates[i] != Fate::Keep {
                continue;
            }
            let mut current: Option<String> = None;
            for &id in &self.inline {
                let rule = self.rule(id);
                let RuleOptions::Inline { replace, lead } = &rule.options else {
                    continue;
                };
                if !active[rule.group] || lead.is_some_and(|n| kept_index >= n) {
                    continue;
                }
                let before = current.as_deref().unwrap_or(lines[i]);
                let Some(regex) = rule.replacer.as_ref().filter(|_| rule.gate.admits(before))
                else {
                    continue;
                };
                if let std::borrow::Cow::Owned(after) = regex.replace(before, replace.as_str()) {
                    let after = after.trim().to_string();
                    if after != before {
                        edits.push(Edit {
                            line: i + 1,
                            rule: id,
                            before: before.to_string(),
                            after: after.clone(),
                        });
                        if after.is_empty() {
                            fates[i] = Fate::Drop(Zone::Inline, id);
                        }
                        current = Some(after);
                    }
                }
                if fates[i] != Fate::Keep {
                    break;
                }
            }
            replaced[i] = current;
            kept_index += 1;
        }
        (replaced, edits)
    }
}

/// The lines of `text`, split at every `\n` (as `str::split` would) with SIMD `memchr`.
fn split_lines(text: &str) -> Vec<&str> {
    let mut lines = Vec::with_capacity(text.len() / 64 + 1);
    let mut start = 0;
    for end in memchr::memchr_iter(b'\n', text.as_bytes()) {
        lines.push(&text[start..end]);
        start = end + 1;
    }
    lines.push(&text[start..]);
    lines
}

/// Joins the kept lines: one blank line between paragraphs at most, none at the start or end, and
/// a final newline unless nothing is left.
fn layout(lines: &[&str], replaced: &[Option<String>], fates: &[Fate]) -> String {
    let mut out = String::with_capacity(lines.iter().map(|l| l.len() + 1).sum());
    let mut pending_blank = false;
    for (i, line) in lines.iter().enumerate() {
        if line.is_empty() {
            pending_blank = !out.is_empty();
            continue;
        }
        if fates[i] != Fate::Keep {
            continue;
        }
        if pending_blank {
            out.push('\n');
            pending_blank = false;
        }
        out.push_str(replaced[i].as_deref().unwrap_or(line));
        out.push('\n');
    }
    out
}

/// The most link lines under a marker that the article may resume after
/// (see [`links_before_resumed_article`]).
const MAX_LINKS_UNDER_MARKER: usize = 8;

/// The fewest characters of a line of prose that shows the article resumes.
const RESUMED_PROSE_CHARS: usize = 100;

/// For the marker at `nonblank[pos]`: when the kept lines under it are one to
/// [`MAX_LINKS_UNDER_MARKER`] lines that are not prose (the links of a related box), followed by
/// a line of prose that the article goes on after, the lines of those links; `None` otherwise,
/// and the marker cuts the rest as usual. The article goes on when the next kept line is prose
/// too, or two of the next three are: a caption or a sub-heading may stand between paragraphs,
/// while teasers alternate a headline and a summary. Summaries cut short ("..."), and a list of
/// long items right under the marker do not count as the article.
fn links_before_resumed_article(
    lines: &[&str],
    nonblank: &[usize],
    pos: usize,
    fates: &[Fate],
) -> Option<Vec<usize>> {
    let mut links = Vec::new();
    let mut rest = nonblank[pos + 1..]
        .iter()
        .copied()
        .filter(|&j| fates[j] == Fate::Keep);
    loop {
        let j = rest.next()?;
        if is_prose(lines[j]) {
            break;
        }
        if links.len() == MAX_LINKS_UNDER_MARKER {
            return None;
        }
        links.push(j);
    }
    let next: Vec<bool> = rest.take(3).map(|j| is_prose(lines[j])).collect();
    let resumed = !links.is_empty()
        && (next.first() == Some(&true) || next.iter().filter(|&&p| p).count() >= 2);
    resumed.then_some(links)
}

/// True for a line of prose: [`RESUMED_PROSE_CHARS`] characters or more, ending like a sentence
/// (not cut short with "..." or "…") or in a colon (announcing a list).
fn is_prose(line: &str) -> bool {
    let line = line.trim_end();
    line.ends_with(['.', '!', '?', '"', '”', '»', ')', ':'])
        && !line.ends_with("..")
        && line.chars().nth(RESUMED_PROSE_CHARS - 1).is_some()
}

/// The number of words of `line` as `str::split_whitespace` counts them, looking at the bytes:
/// only the lead bytes of the few non-ASCII white-space characters (U+0085, U+00A0, U+1680,
/// U+2000 to U+205F, U+3000) make it decode a character. Footer cuts count the words before each
/// marker, and decoding every character of a Vietnamese line cost as much as matching it.
fn count_words(line: &str) -> usize {
    let bytes = line.as_bytes();
    let (mut words, mut in_word, mut i) = (0, false, 0);
    while i < bytes.len() {
        let (space, width) = match bytes[i] {
            b @ 0..0x80 => (matches!(b, b' ' | b'\t'..=b'\r'), 1),
            0xC2 | 0xE1 | 0xE2 | 0xE3 => {
                let c = line[i..].chars().next().unwrap_or_default();
                (c.is_whitespace(), c.len_utf8())
            }
            // Any other byte starts or continues a character that is not white space.
            _ => (false, 1),
        };
        words += (!space && !in_word) as usize;
        in_word = !space;
        i += width;
    }
    words
}

/// The end (in `nonblank`) of the list whose items start at `nonblank[start]`: the first line
/// that is no list item, or the first item numbered no higher than the numbered item before it.
/// A list numbered anew is another list: the article's first section right after its table of
/// contents ("1. What changes" under "1. What changes", "2. ...").
fn list_end(lines: &[&str], nonblank: &[usize], start: usize) -> usize {
    let mut last_number = None;
    for (q, &i) in nonblank.iter().enumerate().skip(start) {
        if !is_list_item(lines[i]) {
            return q;
        }
        let number = crate::heuristics::item_number(lines[i].trim_start());
        if number.is_some() && number <= last_number {
            return q;
        }
        last_number = number.or(last_number);
    }
    nonblank.len()
}

/// True when `line` holds a label alone ("Read also", "Leia também:"), not a label and a title
/// ("Lesen Sie auch: Was die Zahlen zeigen"): five words at most, no colon but at the end.
fn is_label_alone(line: &str) -> bool {
    let label = line.trim().trim_end_matches(':');
    !label.contains(':') && label.split_whitespace().count() <= 5
}

/// True when `line` reads as the headline of a link: a few words (under 150 characters) that do
/// not end like a sentence.
fn reads_as_headline(line: &str) -> bool {
    let line = line.trim();
    line.chars().count() < 150
        && line.split_whitespace().count() >= 3
        && !crate::heuristics::ends_like_sentence(line)
        && !line.ends_with([':', ';', ',', ')'])
}

/// True when `line` is a list item as pages are dumped to text: a bullet (`*` `+` `-` `–` `•` `·`,
/// or an arrow, `▶` `►` `▸`, as Korean pages mark their links) or a number of one to three digits
/// with `.` or `)`, then white space. Wider than the heuristics' list marker (numbered items are
/// links too under a "Most read" heading) and stricter (no `o`, which starts Portuguese and
/// Italian sentences).
fn is_list_item(line: &str) -> bool {
    let line = line.trim_start();
    match line.strip_prefix(['*', '+', '-', '–', '•', '·', '▶', '►', '▸']) {
        Some(rest) => rest.starts_with(char::is_whitespace),
        None => crate::heuristics::item_number(line).is_some(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn list_items_start_with_a_bullet_or_a_short_number_then_space() {
        for item in [
            "* Story",
            "  - Story",
            "– Story",
            "• Story",
            "+ Story",
            "▶ Story",
            "1. Story",
            "12) Story",
        ] {
            assert!(is_list_item(item), "{item:?}");
        }
        for line in [
            "*Story",
            "-3 degrees",
            "2019. A year",
            "1.5 million people",
            "1234. Story",
            "Story",
        ] {
            assert!(!is_list_item(line), "{line:?}");
        }
    }

    #[test]
    fn a_list_ends_at_a_line_that_is_no_item_or_at_an_item_numbered_anew() {
        let end = |doc: &str| {
            let lines: Vec<&str> = doc.lines().collect();
            let nonblank: Vec<usize> = (0..lines.len()).filter(|&i| !lines[i].is_empty()).collect();
            list_end(&lines, &nonblank, 0)
        };
        assert_eq!(end("1. A\n2. B\n\n3. C\nProse"), 3);
        assert_eq!(end("1. A\n2. B\n1. A\n2. B"), 2);
        assert_eq!(end("1. A\n- B\n2. C\n2. D"), 3);
        assert_eq!(end("* A\n* B"), 2);
        assert_eq!(end("Prose"), 0);
    }

    #[test]
    fn kept_lines_are_counted_as_str_lines_counts_them() {
        for text in [
            "",
            "\n",
            "a",
            "a\n",
            "a\n\nb\n",
            "\n\nä\n",
            "x\r\n\r\ny",
            "\r",
            "a\n\r",
        ] {
            let cleaned = Cleaned {
                text: text.to_string(),
                ..Cleaned::default()
            };
            let expected = text.lines().filter(|l| !l.is_empty()).count();
            assert_eq!(cleaned.lines_kept(), expected, "{text:?}");
        }
    }

    #[test]
    fn words_are_counted_as_split_whitespace_counts_them() {
        let every_space: String = (0..=0x10FFFF)
            .filter_map(char::from_u32)
            .filter(|c| c.is_whitespace())
            .collect();
        for text in [
            "",
            " ",
            "a",
            " a  b ",
            "Tin khác cùng chuyên mục",
            "x\u{a0}y\u{3000}z\u{2029}\u{85}w\u{1680}v",
            "ạ\u{202f}ả\tẫ\u{b}ề\u{c}ờ",
            "日本語 テキスト",
            every_space.as_str(),
        ] {
            assert_eq!(
                count_words(text),
                text.split_whitespace().count(),
                "{text:?}"
            );
        }
        // Every character between two letters, and alone.
        for c in (0..=0x10FFFF).filter_map(char::from_u32) {
            let text = format!("a{c}b {c}");
            assert_eq!(count_words(&text), text.split_whitespace().count(), "{c:?}");
        }
    }

    proptest::proptest! {
        #[test]
        fn any_text_has_as_many_words_as_split_whitespace_finds(
            text in "[ a\t\nạ\u{a0}\u{85}\u{2000}-\u{200b}\u{2028}\u{3000}\u{1680}\u{1e00}-\u{1eff}日]{0,40}"
        ) {
            proptest::prop_assert_eq!(count_words(&text), text.split_whitespace().count());
        }
    }

    #[test]
    fn lines_split_as_str_split_does() {
        for text in ["", "\n", "a", "a\n", "a\nb", "\n\nä\n", "x\n\ny\n\n"] {
            assert_eq!(
                split_lines(text),
                text.split('\n').collect::<Vec<_>>(),
                "{text:?}"
            );
        }
    }
}

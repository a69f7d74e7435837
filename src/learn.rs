//! Learning the first draft of a site's rules from its pages. Boilerplate is what a site repeats:
//! the same menu lines on top of every page, the same copyright and contact lines at the bottom,
//! with only dates and counters changing. [`learn`] finds the lines that recur across many
//! documents once case, digits and punctuation are folded away (the way CCNet hashes lines to
//! deduplicate paragraphs), notes where in the documents they sit, and [`to_toml`] writes one
//! commented rule per finding for a person to review before use. Everything here is pure over
//! the documents given; the result does not depend on the order work is spread over threads.

use std::collections::{BTreeMap, HashMap, HashSet};

use rayon::prelude::*;

use crate::corpus::decode;
use crate::normalize::normalize;
use crate::Error;

/// How often a line must recur to be proposed.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct LearnOptions {
    /// A line is proposed only when it appears in at least this many documents.
    pub min_docs: usize,
    /// ...and in at least this share (0..=1) of the documents.
    pub min_share: f64,
}

impl Default for LearnOptions {
    fn default() -> Self {
        LearnOptions {
            min_docs: 3,
            min_share: 0.05,
        }
    }
}

impl LearnOptions {
    /// The number of documents a line must appear in, for a corpus of `total` documents.
    pub fn threshold(&self, total: usize) -> usize {
        let by_share = (self.min_share * total as f64).ceil() as usize;
        self.min_docs.max(by_share).max(1)
    }
}

/// Where a repeated line sits in the documents that hold it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Position {
    /// Above the first line of the document's own text, in nearly every document (9 in 10).
    Top,
    /// Below the last line of the document's own text, in nearly every document (9 in 10).
    Bottom,
    /// Elsewhere, or in different places in different documents.
    Anywhere,
}

impl Position {
    pub fn as_str(self) -> &'static str {
        match self {
            Position::Top => "top",
            Position::Bottom => "bottom",
            Position::Anywhere => "anywhere",
        }
    }
}

/// One line that recurs across the corpus.
#[derive(Debug, Clone, PartialEq)]
pub struct Finding {
    /// The folded form shared by every occurrence (see [`line_key`]).
    pub key: String,
    /// Number of documents holding the line at least once.
    pub documents: usize,
    pub position: Position,
    /// The first occurrence, as written, in the first document (in the order given) that holds it.
    pub example: String,
    /// A regex matching every line with this key: anchored, case-insensitive, digits generic.
    pub pattern: String,
}

/// The folded form of a line, as CCNet hashes lines: lowercased, every run of digits made `0`,
/// punctuation and white space reduced to single spaces between the remaining words. Empty when
/// the line holds no letter or digit.
pub fn line_key(line: &str) -> String {
    let mut key = String::with_capacity(line.len());
    let mut pending_space = false;
    let mut in_digits = false;
    for c in line.chars() {
        if c.is_numeric() {
            if !in_digits {
                if pending_space && !key.is_empty() {
                    key.push(' ');
                }
                pending_space = false;
                key.push('0');
                in_digits = true;
            }
        } else if c.is_alphanumeric() {
            if pending_space && !key.is_empty() {
                key.push(' ');
            }
            pending_space = false;
            in_digits = false;
            key.extend(c.to_lowercase());
        } else {
            pending_space = true;
            in_digits = false;
        }
    }
    key
}

/// A regex matching exactly the lines whose [`line_key`] is `key`: the words in order, anything
/// but letters and digits between and around them, each `0` a run of digits.
pub fn key_pattern(key: &str) -> String {
    const GAP: &str = r"[^\p{Alphabetic}\p{N}]";
    let mut out = format!("(?i)^{GAP}*");
    for (i, word) in key.split(' ').enumerate() {
        if i > 0 {
            out.push_str(GAP);
            out.push('+');
        }
        let mut literal = String::new();
        for c in word.chars() {
            if c == '0' {
                out.push_str(&regex::escape(&literal));
                literal.clear();
                out.push_str(r"\p{N}+");
            } else {
                literal.push(c);
            }
        }
        out.push_str(&regex::escape(&literal));
    }
    out.push_str(GAP);
    out.push_str("*$");
    out
}

/// The keyed non-blank lines of one document: (key, line as written), in order.
fn keyed_lines(text: &str) -> Vec<(String, String)> {
    normalize(text)
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| (line_key(l), l.trim().to_string()))
        .collect()
}

/// Where each candidate line of one document sits: (key, top/bottom/middle) per occurrence.
/// A document's own text is its lines that are not candidates; lines above the first of them are
/// on top, lines below the last at the bottom. A document with no own text places nothing.
fn place_candidates<'a>(
    lines: &'a [(String, String)],
    candidates: &HashSet<&str>,
) -> Vec<(&'a str, Position)> {
    let own = |k: &str| !k.is_empty() && !candidates.contains(k);
    let (Some(first), Some(last)) = (
        lines.iter().position(|(k, _)| own(k)),
        lines.iter().rposition(|(k, _)| own(k)),
    ) else {
        return Vec::new();
    };
    lines
        .iter()
        .enumerate()
        .filter(|(_, (k, _))| candidates.contains(k.as_str()))
        .map(|(i, (k, _))| {
            let at = if i < first {
                Position::Top
            } else if i > last {
                Position::Bottom
            } else {
                Position::Anywhere
            };
            (k.as_str(), at)
        })
        .collect()
}

/// Finds the lines that recur in at least `opts.threshold(documents.len())` documents.
/// `documents` are (path, text) pairs; only the texts are read, and the order given decides which
/// occurrence is the example. Findings come sorted by number of documents
/// (most first), then by key, so the result is the same however the work is spread over threads.
pub fn learn(documents: &[(String, String)], opts: &LearnOptions) -> Vec<Finding> {
    let keyed: Vec<Vec<(String, String)>> = documents
        .par_iter()
        .map(|(_, text)| keyed_lines(text))
        .collect();

    let mut doc_counts: HashMap<&str, usize> = HashMap::new();
    for lines in &keyed {
        let distinct: HashSet<&str> = lines
            .iter()
            .map(|(k, _)| k.as_str())
            .filter(|k| !k.is_empty())
            .collect();
        for k in distinct {
            *doc_counts.entry(k).or_default() += 1;
        }
    }
    let threshold = opts.threshold(documents.len());
    let candidates: HashSet<&str> = doc_counts
        .iter()
        .filter(|(_, &n)| n >= threshold)
        .map(|(&k, _)| k)
        .collect();
    if candidates.is_empty() {
        return Vec::new();
    }

    let placed: Vec<Vec<(&str, Position)>> = keyed
        .par_iter()
        .map(|lines| place_candidates(lines, &candidates))
        .collect();
    // (top, bottom, all) occurrences per key.
    let mut places: BTreeMap<&str, (usize, usize, usize)> = BTreeMap::new();
    for (key, at) in placed.iter().flatten() {
        let e = places.entry(key).or_default();
        match at {
            Position::Top => e.0 += 1,
            Position::Bottom => e.1 += 1,
            Position::Anywhere => {}
        }
        e.2 += 1;
    }

    let mut examples: HashMap<&str, &str> = HashMap::new();
    for lines in &keyed {
        for (k, line) in lines {
            if candidates.contains(k.as_str()) {
                examples.entry(k.as_str()).or_insert(line.as_str());
            }
        }
    }

    let mut findings: Vec<Finding> = candidates
        .iter()
        .map(|&key| {
            let (top, bottom, all) = places.get(key).copied().unwrap_or_default();
            let position = if all > 0 && top * 10 >= all * 9 {
                Position::Top
            } else if all > 0 && bottom * 10 >= all * 9 {
                Position::Bottom
            } else {
                Position::Anywhere
            };
            Finding {
                key: key.to_string(),
                documents: doc_counts[key],
                position,
                example: examples[key].to_string(),
                pattern: key_pattern(key),
            }
        })
        .collect();
    findings.sort_by(|a, b| b.documents.cmp(&a.documents).then(a.key.cmp(&b.key)));
    findings
}

/// Writes the findings as a rule file: top lines as `[[header]]` rules, bottom lines as trailing
/// `[[footer]]` rules, the rest as `[[sidebar]]` rules, each named `learned.<position>.<n>` and
/// commented with the documents hit, their share of `total`, the position and an example line.
pub fn to_toml(findings: &[Finding], total: usize, opts: &LearnOptions) -> String {
    let mut out = format!(
        "# Rules proposed by `clean learn` from {total} documents: lines found in at least {} of \
         them\n# (case, digits and punctuation ignored). Review every rule before use: delete the \
         ones that\n# are article text, and give the rest better names.\n",
        opts.threshold(total)
    );
    if findings.is_empty() {
        out.push_str("# No line recurs that often: nothing to propose.\n");
    }
    let mut numbers: HashMap<Position, usize> = HashMap::new();
    for f in findings {
        let n = numbers.entry(f.position).or_default();
        *n += 1;
        let (table, extra) = match f.position {
            Position::Top => ("header", ""),
            Position::Bottom => ("footer", "action = \"trailing\"\n"),
            Position::Anywhere => ("sidebar", ""),
        };
        let example: String = f
            .example
            .chars()
            .map(|c| if c.is_control() { ' ' } else { c })
            .collect();
        out.push_str(&format!(
            "\n# {} documents ({:.0}%), {}; e.g. {}\n[[{table}]]\nname = \"learned.{}.{n}\"\n\
             pattern = '{}'\n{extra}",
            f.documents,
            100.0 * f.documents as f64 / total.max(1) as f64,
            f.position.as_str(),
            example,
            f.position.as_str(),
            f.pattern,
        ));
    }
    out
}

/// A document read for [`learn`]: (path relative to IN, text).
pub type Document = (String, String);

/// Reads the documents of a corpus for [`learn`]: IN itself when it is a file, else every file
/// below it (sorted by path; hidden files and folders only with `hidden`), as (path relative to IN,
/// text). Documents that cannot be read or decoded are returned as errors beside the others.
pub fn read_corpus(
    input: &std::path::Path,
    hidden: bool,
    follow_links: bool,
    lossy: bool,
) -> Result<(Vec<Document>, Vec<Error>), Error> {
    let meta = std::fs::metadata(input)
        .map_err(|e| Error::Usage(format!("{}: cannot read input: {}", input.display(), e)))?;
    let mut paths = Vec::new();
    let mut errors = Vec::new();
    if meta.is_dir() {
        let walker = walkdir::WalkDir::new(input)
            .follow_links(follow_links)
            .sort_by_file_name()
            .into_iter()
            .filter_entry(|e| {
                hidden || e.depth() == 0 || !e.file_name().to_string_lossy().starts_with('.')
            });
        for entry in walker {
            match entry {
                Ok(e) if e.file_type().is_file() => paths.push(e.into_path()),
                Ok(_) => {}
                Err(e) => errors.push(Error::Io {
                    path: e.path().unwrap_or(input).to_path_buf(),
                    source: std::io::Error::other(e.to_string()),
                }),
            }
        }
    } else {
        paths.push(input.to_path_buf());
    }
    let read: Vec<Result<(String, String), Error>> = paths
        .par_iter()
        .map(|p| {
            let bytes = std::fs::read(p).map_err(|e| Error::io(p, e))?;
            let text = decode(&bytes, p, lossy)?.into_owned();
            let rel = p.strip_prefix(input).unwrap_or(p);
            let rel = if rel.as_os_str().is_empty() {
                p.as_path()
            } else {
                rel
            };
            Ok((rel.to_string_lossy().replace('\\', "/"), text))
        })
        .collect();
    let mut documents = Vec::new();
    for r in read {
        match r {
            Ok(d) => documents.push(d),
            Err(e) => errors.push(e),
        }
    }
    Ok((documents, errors))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_fold_case_digits_and_punctuation() {
        assert_eq!(
            line_key("  Cập nhật: 14:35 | 28/10/2023 "),
            "cập nhật 0 0 0 0 0"
        );
        assert_eq!(line_key("© 2023 Báo Tin-Mới."), "0 báo tin mới");
        assert_eq!(line_key("Vietnet24h"), "vietnet0h");
        assert_eq!(line_key("- * -"), "");
    }

    #[test]
    fn a_key_pattern_matches_every_line_of_its_key_and_no_other() {
        let re = regex::Regex::new(&key_pattern("cập nhật 0 0 0 0 0")).unwrap();
        assert!(re.is_match("Cập nhật: 14:35 | 28/10/2023"));
        assert!(re.is_match("CẬP NHẬT 9.05 - 1/1/2024"));
        assert!(!re.is_match("Cập nhật: 14:35 | 28/10/2023 bởi Minh Anh"));
        let re = regex::Regex::new(&key_pattern("a b 0")).unwrap();
        assert!(re.is_match("* A.b (12)"));
        assert!(!re.is_match("ab 12"));
    }

    #[test]
    fn the_share_threshold_never_drops_below_the_document_minimum() {
        let o = LearnOptions {
            min_docs: 3,
            min_share: 0.1,
        };
        assert_eq!(o.threshold(10), 3);
        assert_eq!(o.threshold(100), 10);
    }
}

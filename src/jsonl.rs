//! JSON Lines records, as datatrove and dolma write them (`{"id", "text", "metadata"}` one per
//! line): clean the text field of each record and leave every other byte of the line as it was.
//!
//! "As it was" is meant literally. A record is not parsed into values and written back (which
//! would reformat numbers like `1.0e10`, reorder or unescape keys, and turn `\u00e9` into `é`);
//! instead the byte span of the text value is found in the line and only that span is replaced,
//! and the optional statistics field is spliced in the same way. A text that cleaning leaves
//! unchanged keeps its original bytes, and a new text is escaped in the style of the old one
//! (ASCII with `\uXXXX` escapes when the old one was written that way, as Python's `json.dumps`
//! does by default).
//!
//! A stream is read in batches of lines ([`RecordOptions::batch_bytes`]); the lines of a batch are
//! cleaned in parallel while the next batch is read and the previous one written, so memory is
//! bounded by a few batches whatever the size of the file. Lines that are not records (not JSON,
//! not an object, no text field) are reported with their line number and passed through unchanged,
//! or dropped when asked; blank lines are kept as they are.

use std::fmt::{self, Write as _};
use std::io::{BufRead, Write};

use rayon::prelude::*;
use serde::de::{Deserialize, Deserializer, MapAccess, Visitor};
use serde_json::value::RawValue;

use crate::corpus::{Job, Options, Outcome, Output, Progress};
use crate::engine::Cleaned;
use crate::error::Error;
use crate::formats::{self, AtomicWriter};
use crate::rules::{RuleId, RuleSet};

/// How many bad records of one stream are reported one by one; the rest are counted.
pub const BAD_RECORDS_LISTED: usize = 20;

/// A field of a record named by its keys from the top, written `metadata.clean`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldPath(Vec<String>);

impl FieldPath {
    /// Parses a dotted path; every key must be non-empty.
    pub fn parse(path: &str) -> Result<FieldPath, String> {
        let keys: Vec<String> = path.split('.').map(str::to_string).collect();
        if keys.iter().any(String::is_empty) {
            return Err(format!(
                "`{path}`: a field is named by non-empty keys joined by `.`"
            ));
        }
        Ok(FieldPath(keys))
    }

    /// True when one path is the other or lies inside it (`metadata` and `metadata.clean`).
    pub fn overlaps(&self, other: &FieldPath) -> bool {
        let n = self.0.len().min(other.0.len());
        self.0[..n] == other.0[..n]
    }
}

impl Default for FieldPath {
    fn default() -> Self {
        FieldPath(vec!["text".to_string()])
    }
}

impl fmt::Display for FieldPath {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0.join("."))
    }
}

/// What happens to a line that is not a record that can be cleaned.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum BadRecordPolicy {
    /// Written to the output unchanged (and reported).
    #[default]
    PassThrough,
    /// Left out of the output (and reported).
    Drop,
}

/// How the records of JSON Lines inputs are cleaned.
#[derive(Debug, Clone)]
pub struct RecordOptions {
    /// The field holding the text to clean (default `text`).
    pub text_field: FieldPath,
    /// Leave out records whose text is empty after cleaning.
    pub drop_empty: bool,
    /// Where to record, in each record, the lines removed and the rules hit (none by default).
    pub stats_field: Option<FieldPath>,
    pub bad_records: BadRecordPolicy,
    /// A batch is closed once it holds this many bytes of lines (or a long line exceeds it).
    pub batch_bytes: usize,
}

impl Default for RecordOptions {
    fn default() -> Self {
        RecordOptions {
            text_field: FieldPath::default(),
            drop_empty: false,
            stats_field: None,
            bad_records: BadRecordPolicy::PassThrough,
            batch_bytes: 4 << 20,
        }
    }
}

/// A record after cleaning.
#[derive(Debug, Clone)]
pub struct CleanedRecord {
    /// The record's new line (without line end); `None` when it is dropped for an empty text.
    pub line: Option<String>,
    /// What cleaning did to the text.
    pub cleaned: Cleaned,
}

/// Cleans the text field of one record, `line` being one line of a JSON Lines stream without its
/// line end. `path` is the stream's path relative to the corpus root (for path-scoped rule
/// files). `Err` says why the line is not a record that can be cleaned.
pub fn clean_record(
    line: &str,
    rules: &RuleSet,
    path: Option<&str>,
    opts: &RecordOptions,
) -> Result<CleanedRecord, String> {
    let top: &RawValue = serde_json::from_str(line).map_err(|e| json_problem("not JSON", &e))?;
    let object = Object::parse(top, "the record")?;

    let text_raw = object
        .find_path(&opts.text_field)?
        .ok_or_else(|| format!("no field `{}`", opts.text_field))?;
    let text: String = serde_json::from_str(text_raw.get())
        .map_err(|_| format!("field `{}` is not a string", opts.text_field))?;
    let cleaned = rules.clean_at(&text, path);

    let mut splices: Vec<Splice> = Vec::new();
    if cleaned.text != text {
        splices.push(Splice::replace(
            line,
            text_raw,
            escape_like(text_raw.get(), &cleaned.text),
        ));
    }
    if let Some(field) = &opts.stats_field {
        splices.push(object.splice_field(line, field, &stats_json(rules, &cleaned))?);
    }
    let new_line = if opts.drop_empty && cleaned.text.is_empty() {
        None
    } else {
        Some(apply(line, splices))
    };
    Ok(CleanedRecord {
        line: new_line,
        cleaned,
    })
}

/// A replacement of `line[start..end]`.
struct Splice {
    start: usize,
    end: usize,
    with: String,
}

impl Splice {
    fn replace(line: &str, part: &RawValue, with: String) -> Splice {
        let start = offset_in(line, part.get());
        Splice {
            start,
            end: start + part.get().len(),
            with,
        }
    }
}

/// Where `part`, a slice of `line`, starts in it.
fn offset_in(line: &str, part: &str) -> usize {
    let offset = (part.as_ptr() as usize).wrapping_sub(line.as_ptr() as usize);
    debug_assert!(offset + part.len() <= line.len(), "part is a slice of line");
    offset
}

fn apply(line: &str, mut splices: Vec<Splice>) -> String {
    splices.sort_by_key(|s| s.start);
    let mut out =
        String::with_capacity(line.len() + splices.iter().map(|s| s.with.len()).sum::<usize>());
    let mut at = 0;
    for s in splices {
        out.push_str(&line[at..s.start]);
        out.push_str(&s.with);
        at = s.end;
    }
    out.push_str(&line[at..]);
    out
}

/// A JSON object's members in order, each value still raw (a slice of the line).
struct Object<'a> {
    raw: &'a RawValue,
    members: Vec<(String, &'a RawValue)>,
}

impl<'a> Object<'a> {
    /// Reads `raw` as an object; `what` names it in the error.
    fn parse(raw: &'a RawValue, what: &str) -> Result<Object<'a>, String> {
        let members: Members<'a> =
            serde_json::from_str(raw.get()).map_err(|_| format!("{what} is not a JSON object"))?;
        Ok(Object {
            raw,
            members: members.0,
        })
    }

    /// The value of `key`, if present; a key present twice is an error, as it is ambiguous which
    /// one a reader would take.
    fn get(&self, key: &str, path: &FieldPath) -> Result<Option<&'a RawValue>, String> {
        let mut found = self.members.iter().filter(|(k, _)| k == key);
        let first = found.next().map(|(_, v)| *v);
        if found.next().is_some() {
            return Err(format!("field `{path}` has key `{key}` twice"));
        }
        Ok(first)
    }

    /// The value at `path` below this object, if present.
    fn find_path(&self, path: &FieldPath) -> Result<Option<&'a RawValue>, String> {
        let (last, parents) = path.0.split_last().expect("a field path has keys");
        let mut object = Object {
            raw: self.raw,
            members: self.members.clone(),
        };
        for (i, key) in parents.iter().enumerate() {
            match object.get(key, path)? {
                None => return Ok(None),
                Some(v) => {
                    object = Object::parse(v, &format!("field `{}`", path.0[..=i].join(".")))?
                }
            }
        }
        object.get(last, path)
    }

    /// A splice that sets the value at `path` below this object to `value` (raw JSON), creating
    /// the missing objects along the way; an existing value there is replaced.
    fn splice_field(&self, line: &str, path: &FieldPath, value: &str) -> Result<Splice, String> {
        let mut object = Object {
            raw: self.raw,
            members: self.members.clone(),
        };
        for (i, key) in path.0.iter().enumerate() {
            match object.get(key, path)? {
                Some(v) if i + 1 == path.0.len() => {
                    return Ok(Splice::replace(line, v, value.to_string()))
                }
                Some(v) => {
                    object = Object::parse(v, &format!("field `{}`", path.0[..=i].join(".")))?
                }
                None => {
                    // Build `"key":{"next":{...:value}}` and put it before the closing brace.
                    let mut member = value.to_string();
                    for k in path.0[i + 1..].iter().rev() {
                        member = format!("{{{}:{member}}}", json_string(k));
                    }
                    member = format!("{}:{member}", json_string(key));
                    if !object.members.is_empty() {
                        member.insert(0, ',');
                    }
                    let raw = object.raw.get();
                    let close = offset_in(line, raw) + raw.len() - 1;
                    return Ok(Splice {
                        start: close,
                        end: close,
                        with: member,
                    });
                }
            }
        }
        unreachable!("a field path has keys")
    }
}

/// The members of an object with their values left raw, in order, duplicates kept.
struct Members<'a>(Vec<(String, &'a RawValue)>);

impl<'de> Deserialize<'de> for Members<'de> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct MembersVisitor;
        impl<'de> Visitor<'de> for MembersVisitor {
            type Value = Members<'de>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a JSON object")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Members<'de>, A::Error> {
                let mut members = Vec::new();
                while let Some(key) = map.next_key::<String>()? {
                    let value: &'de RawValue = map.next_value()?;
                    members.push((key, value));
                }
                Ok(Members(members))
            }
        }
        deserializer.deserialize_map(MembersVisitor)
    }
}

fn json_string(s: &str) -> String {
    serde_json::to_string(s).expect("a string always serializes")
}

/// `text` as a JSON string in the escape style of `original` (a JSON string): when `original` is
/// pure ASCII and holds `\u` escapes, every non-ASCII character is escaped as `\uXXXX` too.
fn escape_like(original: &str, text: &str) -> String {
    let json = json_string(text);
    if !(original.is_ascii() && original.contains("\\u")) {
        return json;
    }
    let mut out = String::with_capacity(json.len() * 2);
    let mut units = [0u16; 2];
    for c in json.chars() {
        if c.is_ascii() {
            out.push(c);
        } else {
            for u in c.encode_utf16(&mut units) {
                write!(out, "\\u{u:04x}").expect("writing to a String");
            }
        }
    }
    out
}

/// `{"lines_removed":N,"rules":{"rule.name":count,...}}`: the non-blank lines removed, and for
/// every rule that hit the lines it removed or shortened, in rule order.
fn stats_json(rules: &RuleSet, cleaned: &Cleaned) -> String {
    let mut hits: Vec<(RuleId, usize)> = Vec::new();
    for id in cleaned
        .removals
        .iter()
        .map(|r| r.rule)
        .chain(cleaned.edits.iter().map(|e| e.rule))
    {
        match hits.iter_mut().find(|(r, _)| *r == id) {
            Some((_, n)) => *n += 1,
            None => hits.push((id, 1)),
        }
    }
    hits.sort_by_key(|(id, _)| *id);
    let mut out = format!(
        "{{\"lines_removed\":{},\"rules\":{{",
        cleaned.removals.len()
    );
    for (i, (id, n)) in hits.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        write!(out, "{}:{n}", json_string(&rules.rule(*id).name)).expect("writing to a String");
    }
    out.push_str("}}");
    out
}

/// A serde_json error in one line, without serde_json's "at line 1" (the caller names the line).
fn json_problem(what: &str, e: &serde_json::Error) -> String {
    let message = e.to_string();
    let message = message.split(" at line ").next().unwrap_or(&message);
    format!("{what} ({message} at column {})", e.column())
}

/// What came of the records of one stream.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RecordCounts {
    /// Non-blank lines read, bad ones included.
    pub records: u64,
    /// Records left out because their text was empty after cleaning (`drop_empty`).
    pub dropped_empty: u64,
    /// Lines that were not records that could be cleaned (passed through or dropped).
    pub bad: u64,
    /// One message per bad record, `file:line: reason; passed through unchanged`, for the first
    /// [`BAD_RECORDS_LISTED`], then one saying how many more there were.
    pub notes: Vec<String>,
}

/// Totals of a cleaned stream.
#[derive(Debug, Default)]
struct StreamTotals {
    counts: RecordCounts,
    bytes_in: u64,
    bytes_out: u64,
    lines_in: usize,
    lines_out: usize,
    /// Per rule (indexed by id): lines removed, lines edited.
    removed: Vec<usize>,
    /// Per rule (indexed by id): bytes removed (each line's UTF-8 length plus its newline).
    removed_bytes: Vec<u64>,
    edited: Vec<usize>,
}

/// Which side of a stream failed.
enum StreamError {
    Read(std::io::Error),
    Write(std::io::Error),
}

/// Lines read from a stream, in one buffer.
struct Batch {
    /// Line number of the first line (1-based).
    first_line: u64,
    data: Vec<u8>,
    /// End of each line in `data` (its line end included).
    ends: Vec<usize>,
}

impl Batch {
    fn line(&self, i: usize) -> &[u8] {
        let start = if i == 0 { 0 } else { self.ends[i - 1] };
        &self.data[start..self.ends[i]]
    }
}

fn read_batch(
    input: &mut dyn BufRead,
    first_line: u64,
    max_bytes: usize,
) -> std::io::Result<Batch> {
    let mut batch = Batch {
        first_line,
        data: Vec::new(),
        ends: Vec::new(),
    };
    while batch.data.len() < max_bytes {
        if input.read_until(b'\n', &mut batch.data)? == 0 {
            break;
        }
        batch.ends.push(batch.data.len());
    }
    Ok(batch)
}

/// What became of one line.
enum LineFate {
    Blank,
    Cleaned(CleanedRecord),
    Bad(String),
}

/// A batch cleaned: the bytes to write and what happened.
struct BatchDone {
    output: Vec<u8>,
    fates: Vec<LineFate>,
}

struct Stream<'a> {
    rules: &'a RuleSet,
    /// The stream's path relative to the corpus root, for path-scoped rules.
    rel: Option<&'a str>,
    /// The stream's name in messages.
    name: &'a str,
    opts: &'a RecordOptions,
}

impl Stream<'_> {
    fn clean_batch(&self, batch: &Batch) -> BatchDone {
        let fates: Vec<LineFate> = (0..batch.ends.len())
            .into_par_iter()
            .map(|i| {
                let line = batch.line(i);
                let content = line.strip_suffix(b"\n").unwrap_or(line);
                if content.iter().all(u8::is_ascii_whitespace) {
                    return LineFate::Blank;
                }
                let content = match std::str::from_utf8(content) {
                    Ok(s) => s,
                    Err(e) => {
                        return LineFate::Bad(format!(
                            "not UTF-8 (first bad byte at column {})",
                            e.valid_up_to() + 1
                        ))
                    }
                };
                match clean_record(content, self.rules, self.rel, self.opts) {
                    Ok(record) => LineFate::Cleaned(record),
                    Err(reason) => LineFate::Bad(reason),
                }
            })
            .collect();
        let mut output = Vec::with_capacity(batch.data.len());
        for (i, fate) in fates.iter().enumerate() {
            let line = batch.line(i);
            match fate {
                LineFate::Blank => output.extend_from_slice(line),
                LineFate::Cleaned(CleanedRecord { line: None, .. }) => {}
                LineFate::Cleaned(CleanedRecord {
                    line: Some(new), ..
                }) => {
                    output.extend_from_slice(new.as_bytes());
                    if line.ends_with(b"\n") {
                        output.push(b'\n');
                    }
                }
                LineFate::Bad(_) => {
                    if self.opts.bad_records == BadRecordPolicy::PassThrough {
                        output.extend_from_slice(line);
                    }
                }
            }
        }
        BatchDone { output, fates }
    }

    fn tally(&self, batch: &Batch, done: &BatchDone, totals: &mut StreamTotals) {
        totals.bytes_in += batch.data.len() as u64;
        totals.bytes_out += done.output.len() as u64;
        for (i, fate) in done.fates.iter().enumerate() {
            let counts = &mut totals.counts;
            match fate {
                LineFate::Blank => {}
                LineFate::Cleaned(record) => {
                    counts.records += 1;
                    counts.dropped_empty += record.line.is_none() as u64;
                    let c = &record.cleaned;
                    let lines_out = c.lines_kept();
                    totals.lines_out += lines_out;
                    totals.lines_in += lines_out + c.removals.len();
                    for r in &c.removals {
                        totals.removed[r.rule.0 as usize] += 1;
                        totals.removed_bytes[r.rule.0 as usize] += r.bytes as u64;
                    }
                    for e in &c.edits {
                        totals.edited[e.rule.0 as usize] += 1;
                    }
                }
                LineFate::Bad(reason) => {
                    counts.records += 1;
                    counts.bad += 1;
                    if counts.notes.len() < BAD_RECORDS_LISTED {
                        let fate = match self.opts.bad_records {
                            BadRecordPolicy::PassThrough => "passed through unchanged",
                            BadRecordPolicy::Drop => "dropped",
                        };
                        counts.notes.push(format!(
                            "{}:{}: {reason}; {fate}",
                            self.name,
                            batch.first_line + i as u64
                        ));
                    }
                }
            }
        }
    }

    /// Cleans every record of `input` into `output`: the batch after the current one is read, and
    /// the one before it written, while the current one is cleaned.
    fn run(
        &self,
        input: &mut (dyn BufRead + Send),
        output: &mut (dyn Write + Send),
        progress: &dyn Progress,
    ) -> Result<StreamTotals, StreamError> {
        let n_rules = self.rules.rules().len();
        let mut totals = StreamTotals {
            removed: vec![0; n_rules],
            removed_bytes: vec![0; n_rules],
            edited: vec![0; n_rules],
            ..StreamTotals::default()
        };
        let max = self.opts.batch_bytes.max(1);
        let mut batch = read_batch(input, 1, max).map_err(StreamError::Read)?;
        let mut pending: Vec<u8> = Vec::new();
        while !batch.ends.is_empty() {
            let next_line = batch.first_line + batch.ends.len() as u64;
            let ((next, done), written) = rayon::join(
                || {
                    rayon::join(
                        || read_batch(input, next_line, max),
                        || self.clean_batch(&batch),
                    )
                },
                || output.write_all(&pending),
            );
            written.map_err(StreamError::Write)?;
            let next = next.map_err(StreamError::Read)?;
            self.tally(&batch, &done, &mut totals);
            progress.records_done(batch.ends.len() as u64, batch.data.len() as u64);
            pending = done.output;
            batch = next;
        }
        output.write_all(&pending).map_err(StreamError::Write)?;
        output.flush().map_err(StreamError::Write)?;
        let unlisted = totals.counts.bad as usize - totals.counts.notes.len();
        if unlisted > 0 {
            totals.counts.notes.push(format!(
                "{}: {unlisted} more bad records not listed",
                self.name
            ));
        }
        Ok(totals)
    }
}

/// Reads, cleans and writes one JSON Lines stream (a file, or standard input).
pub(crate) fn process(
    job: &Job,
    rules: &RuleSet,
    opts: &Options,
    progress: &dyn Progress,
) -> Outcome {
    let name = formats::display_name(&job.src);
    let mut input = match formats::open_input(&job.src) {
        Ok(r) => r,
        Err(e) => return Outcome::failed(&job.rel, e.to_string()),
    };
    let stream = Stream {
        rules,
        rel: (!formats::is_stdio(&job.src)).then_some(job.rel.as_str()),
        name: &name,
        opts: &opts.format.records,
    };
    let result = match &job.dst {
        Output::File(dst) => AtomicWriter::create(dst)
            .map_err(|e| e.to_string())
            .and_then(|mut w| {
                let totals = stream.run(&mut *input, &mut w, progress);
                let totals = stream_result(totals, &name, &dst.display().to_string())?;
                w.finish().map_err(|e| e.to_string())?;
                Ok(totals)
            }),
        Output::Stdout => {
            let mut w = std::io::BufWriter::with_capacity(1 << 16, std::io::stdout());
            let totals = stream.run(&mut *input, &mut w, progress);
            stream_result(totals, &name, "-")
        }
    };
    match result {
        Err(message) => Outcome::failed(&job.rel, message),
        Ok(t) => Outcome {
            rel: job.rel.clone(),
            bytes_in: t.bytes_in,
            bytes_out: t.bytes_out,
            lines_in: t.lines_in,
            lines_out: t.lines_out,
            removed_by_rule: by_rule(&t.removed),
            removed_bytes_by_rule: by_rule(&t.removed_bytes),
            edited_by_rule: by_rule(&t.edited),
            flagged: false,
            status: Ok(()),
            records: Some(t.counts),
        },
    }
}

fn stream_result(
    r: Result<StreamTotals, StreamError>,
    src: &str,
    dst: &str,
) -> Result<StreamTotals, String> {
    r.map_err(|e| match e {
        StreamError::Read(e) => Error::io(src, e).to_string(),
        StreamError::Write(e) => Error::io(dst, e).to_string(),
    })
}

fn by_rule<N: Copy + Default + PartialEq>(counts: &[N]) -> Vec<(RuleId, N)> {
    counts
        .iter()
        .enumerate()
        .filter(|(_, n)| **n != N::default())
        .map(|(i, n)| (RuleId(i as u32), *n))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::NoProgress;

    fn rules() -> RuleSet {
        RuleSet::from_sources(&[crate::rules::RuleSource::new(
            "t.toml",
            "[[header]]\nname = \"t.kicker\"\npattern = '^KICKER$'\n\
             [[inline]]\nname = \"t.stamp\"\npattern = ' \\[\\d+\\]$'\n",
        )])
        .unwrap()
    }

    fn clean(line: &str, opts: &RecordOptions) -> Result<Option<String>, String> {
        clean_record(line, &rules(), None, opts).map(|r| r.line)
    }

    fn with_stats(field: &str) -> RecordOptions {
        RecordOptions {
            stats_field: Some(FieldPath::parse(field).unwrap()),
            ..RecordOptions::default()
        }
    }

    #[test]
    fn only_the_text_value_changes_every_other_byte_is_kept() {
        let line = r#"{ "id" :"\u0041-1", "n":1.0e10,"f":-0.000, "big":123456789012345678901234567890,
            "text":"KICKER\nBody [3]\n", "meta":{"z":1,"a":[1.50, {"é":"\ud83d\ude00"}]} , "t":true }"#
            .replace('\n', "");
        let out = clean(&line, &RecordOptions::default()).unwrap().unwrap();
        assert_eq!(
            out,
            line.replace(r#""KICKER\nBody [3]\n""#, r#""Body\n""#),
            "only the text value differs"
        );
    }

    #[test]
    fn unchanged_text_keeps_its_original_bytes() {
        let line = r#"{"text":"Body\u000a","id":1}"#;
        assert_eq!(
            clean(line, &RecordOptions::default()).unwrap().unwrap(),
            line
        );
    }

    #[test]
    fn new_text_follows_the_escape_style_of_the_old_one() {
        // Python's json.dumps writes ASCII with \u escapes; the cleaned text is written alike,
        // astral characters as surrogate pairs.
        let ascii = r#"{"text":"KICKER\nT\u00ean \ud83d\ude00\n"}"#;
        assert_eq!(
            clean(ascii, &RecordOptions::default()).unwrap().unwrap(),
            r#"{"text":"T\u00ean \ud83d\ude00\n"}"#
        );
        let utf8 = "{\"text\":\"KICKER\\nTên 😀\\n\"}";
        assert_eq!(
            clean(utf8, &RecordOptions::default()).unwrap().unwrap(),
            "{\"text\":\"Tên 😀\\n\"}"
        );
    }

    #[test]
    fn text_field_can_be_nested_and_renamed() {
        let opts = RecordOptions {
            text_field: FieldPath::parse("doc.body").unwrap(),
            ..RecordOptions::default()
        };
        assert_eq!(
            clean(r#"{"text":"KICKER","doc":{"body":"KICKER\nB"}}"#, &opts)
                .unwrap()
                .unwrap(),
            r#"{"text":"KICKER","doc":{"body":"B\n"}}"#
        );
        assert_eq!(
            clean(r#"{"doc":{"title":"x"}}"#, &opts).unwrap_err(),
            "no field `doc.body`"
        );
        assert_eq!(
            clean(r#"{"doc":[1]}"#, &opts).unwrap_err(),
            "field `doc` is not a JSON object"
        );
    }

    #[test]
    fn stats_field_is_added_created_or_replaced() {
        let stats = r#"{"lines_removed":1,"rules":{"t.kicker":1,"t.stamp":1}}"#;
        let text = r#""text":"KICKER\nB [1]""#;
        let cases = [
            // metadata exists: the field is appended inside it.
            (
                format!(r#"{{{text},"metadata":{{"a":1}}}}"#),
                format!(r#"{{"text":"B\n","metadata":{{"a":1,"clean":{stats}}}}}"#),
            ),
            // metadata is empty: no comma.
            (
                format!(r#"{{{text},"metadata":{{ }}}}"#),
                format!(r#"{{"text":"B\n","metadata":{{ "clean":{stats}}}}}"#),
            ),
            // no metadata: created at the end of the record.
            (
                format!(r#"{{{text} }}"#),
                format!(r#"{{"text":"B\n" ,"metadata":{{"clean":{stats}}}}}"#),
            ),
            // an earlier run's stats: replaced, so cleaning twice does not add twice.
            (
                format!(r#"{{"metadata":{{"clean":{{"old":true}},"b":2}},{text}}}"#),
                format!(r#"{{"metadata":{{"clean":{stats},"b":2}},"text":"B\n"}}"#),
            ),
        ];
        for (line, expected) in cases {
            let out = clean(&line, &with_stats("metadata.clean"))
                .unwrap()
                .unwrap();
            assert_eq!(out, expected);
            serde_json::from_str::<serde_json::Value>(&out).expect("still JSON");
        }
        assert_eq!(
            clean(
                r#"{"text":"x","metadata":"m"}"#,
                &with_stats("metadata.clean")
            )
            .unwrap_err(),
            "field `metadata` is not a JSON object"
        );
    }

    #[test]
    fn lines_that_are_not_records_say_why() {
        let o = RecordOptions::default();
        assert_eq!(
            clean("{\"text\": ", &o).unwrap_err(),
            "not JSON (EOF while parsing a value at column 9)"
        );
        assert_eq!(
            clean("{\"text\":\"a\"} x", &o).unwrap_err(),
            "not JSON (trailing characters at column 14)"
        );
        assert_eq!(
            clean("[1,2]", &o).unwrap_err(),
            "the record is not a JSON object"
        );
        assert_eq!(clean(r#"{"id":1}"#, &o).unwrap_err(), "no field `text`");
        assert_eq!(
            clean(r#"{"text":null}"#, &o).unwrap_err(),
            "field `text` is not a string"
        );
        assert_eq!(
            clean(r#"{"text":"a","text":"b"}"#, &o).unwrap_err(),
            "field `text` has key `text` twice"
        );
    }

    #[test]
    fn escaped_keys_are_matched_by_their_value() {
        assert_eq!(
            clean(r#"{"\u0074ext":"KICKER\nB"}"#, &RecordOptions::default())
                .unwrap()
                .unwrap(),
            r#"{"\u0074ext":"B\n"}"#
        );
    }

    #[test]
    fn empty_texts_are_dropped_only_when_asked() {
        let line = r#"{"text":"KICKER"}"#;
        assert_eq!(
            clean(line, &RecordOptions::default()).unwrap().unwrap(),
            r#"{"text":""}"#
        );
        let drop = RecordOptions {
            drop_empty: true,
            ..RecordOptions::default()
        };
        assert_eq!(clean(line, &drop).unwrap(), None);
    }

    fn run_stream(input: &str, opts: &RecordOptions) -> (String, RecordCounts) {
        let rules = rules();
        let stream = Stream {
            rules: &rules,
            rel: None,
            name: "in.jsonl",
            opts,
        };
        let mut out = Vec::new();
        let totals = match stream.run(&mut input.as_bytes(), &mut out, &NoProgress) {
            Ok(t) => t,
            Err(_) => panic!("in-memory streams do not fail"),
        };
        (String::from_utf8(out).unwrap(), totals.counts)
    }

    #[test]
    fn a_stream_keeps_order_line_ends_and_bad_lines_whatever_the_batch_size() {
        let mut input = String::new();
        let mut expected = String::new();
        for i in 0..500 {
            match i % 50 {
                7 => {
                    input.push_str("not json\r\n");
                    expected.push_str("not json\r\n");
                }
                8 => {
                    input.push_str("  \n");
                    expected.push_str("  \n");
                }
                9 => {
                    input.push_str(&format!("{{\"id\":{i},\"text\":\"KICKER\"}}\r\n"));
                    expected.push_str(&format!("{{\"id\":{i},\"text\":\"\"}}\r\n"));
                }
                _ => {
                    input.push_str(&format!("{{\"id\":{i},\"text\":\"KICKER\\nB{i}\"}}\n"));
                    expected.push_str(&format!("{{\"id\":{i},\"text\":\"B{i}\\n\"}}\n"));
                }
            }
        }
        // The last line has no line end, and keeps having none.
        input.push_str(r#"{"text":"Z [9]"}"#);
        expected.push_str(r#"{"text":"Z\n"}"#);
        for batch_bytes in [1, 100, 4096, 1 << 20] {
            let opts = RecordOptions {
                batch_bytes,
                ..RecordOptions::default()
            };
            let (out, counts) = run_stream(&input, &opts);
            assert_eq!(out, expected, "batch of {batch_bytes} bytes");
            assert_eq!(counts.records, 491);
            assert_eq!(counts.bad, 10);
            assert_eq!(
                counts.notes.len(),
                10,
                "every bad line listed under the limit"
            );
            assert_eq!(
                counts.notes[1],
                "in.jsonl:58: not JSON (expected ident at column 2); passed through unchanged"
            );
        }
    }

    #[test]
    fn dropping_bad_and_empty_records_and_listing_at_most_the_limit() {
        let mut input = "nope\n".repeat(BAD_RECORDS_LISTED + 5);
        input.push_str("{\"text\":\"KICKER\"}\n{\"text\":\"B\"}\n");
        let opts = RecordOptions {
            drop_empty: true,
            bad_records: BadRecordPolicy::Drop,
            batch_bytes: 64,
            ..RecordOptions::default()
        };
        let (out, counts) = run_stream(&input, &opts);
        assert_eq!(out, "{\"text\":\"B\\n\"}\n");
        assert_eq!(counts.bad, BAD_RECORDS_LISTED as u64 + 5);
        assert_eq!(counts.dropped_empty, 1);
        assert_eq!(counts.notes.len(), BAD_RECORDS_LISTED + 1);
        assert!(counts.notes[0].ends_with("; dropped"));
        assert_eq!(
            counts.notes.last().unwrap(),
            "in.jsonl: 5 more bad records not listed"
        );
    }
}

//! The corpus pipeline: turn `IN` and `OUT` into a list of documents, clean them in parallel with
//! rayon, and write every output atomically (a temporary file in the target folder, renamed into
//! place), so that a run killed at any moment leaves only whole outputs. One bad document is
//! recorded in its outcome and never stops the others. Progress is reported through the
//! [`Progress`] trait; drawing it is the binary's business.

use std::collections::{BTreeSet, HashMap};
use std::io::Write;
use std::path::{Component, Path, PathBuf};
use std::time::Instant;

use rayon::prelude::*;

use crate::error::Error;
use crate::formats::{self, FormatOptions};
use crate::guard::RemovalGuard;
use crate::jsonl::{self, RecordCounts};
use crate::rules::{RuleId, RuleSet};
use crate::staging;

/// How documents are found and decoded.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// Worker threads; `None` means one per core.
    pub jobs: Option<usize>,
    /// Decode invalid UTF-8 with replacement characters instead of failing the document.
    pub lossy: bool,
    /// Also process hidden files and folders (names starting with `.`).
    pub hidden: bool,
    /// Follow symbolic links (loops are detected and reported, never followed forever).
    pub follow_links: bool,
    /// Which documents lose too much to trust, and whether that fails them.
    pub guard: RemovalGuard,
    /// Text or JSON Lines, and how records are cleaned (see [`crate::formats`]).
    pub format: FormatOptions,
}

/// Where one cleaned document goes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Output {
    File(PathBuf),
    Stdout,
}

/// One document to clean.
#[derive(Debug, Clone)]
pub struct Job {
    /// Path relative to the input root, `/`-separated (the file name when IN is a file).
    pub rel: String,
    pub src: PathBuf,
    pub dst: Output,
}

/// The documents of a run, and the problems met while finding them.
#[derive(Debug, Default)]
pub struct Plan {
    pub jobs: Vec<Job>,
    /// Entries that could not be walked (an unreadable folder, a symlink loop): reported, counted.
    pub walk_errors: Vec<Error>,
    /// Documents left out because their output is up to date (see [`crate::incremental`]).
    pub skipped: usize,
    /// True when the output folder did not exist when the plan was made (a first run): no output
    /// can be up to date, and no output folder needs a look before it is created.
    pub output_missing: bool,
}

/// What happened to one document.
#[derive(Debug, Clone)]
pub struct Outcome {
    pub rel: String,
    pub bytes_in: u64,
    pub bytes_out: u64,
    /// Non-blank lines in and out.
    pub lines_in: usize,
    pub lines_out: usize,
    /// Lines removed per rule, in rule order.
    pub removed_by_rule: Vec<(RuleId, usize)>,
    /// Bytes removed per rule (each removed line's UTF-8 length plus its newline), in rule order.
    pub removed_bytes_by_rule: Vec<(RuleId, u64)>,
    /// Lines shortened per inline rule, in rule order.
    pub edited_by_rule: Vec<(RuleId, usize)>,
    /// True when the large-removal guard tripped on this document (see [`RemovalGuard`]).
    pub flagged: bool,
    /// `Err` holds the message naming the document.
    pub status: Result<(), String>,
    /// For a JSON Lines stream, what came of its records.
    pub records: Option<RecordCounts>,
}

impl Outcome {
    pub(crate) fn failed(rel: &str, message: String) -> Outcome {
        Outcome {
            rel: rel.to_string(),
            bytes_in: 0,
            bytes_out: 0,
            lines_in: 0,
            lines_out: 0,
            removed_by_rule: Vec::new(),
            removed_bytes_by_rule: Vec::new(),
            edited_by_rule: Vec::new(),
            flagged: false,
            status: Err(message),
            records: None,
        }
    }

    pub fn lines_removed(&self) -> usize {
        self.removed_by_rule.iter().map(|(_, n)| n).sum()
    }
}

/// Receives progress from the pipeline; called from worker threads.
pub trait Progress: Sync {
    /// One document is done; `bytes` is its input size.
    fn document_done(&self, _bytes: u64) {}
    /// `records` more records of a JSON Lines stream are done; `bytes` is their input size.
    fn records_done(&self, _records: u64, _bytes: u64) {}
}

/// A progress sink that ignores everything.
pub struct NoProgress;
impl Progress for NoProgress {}

/// Totals of a run.
#[derive(Debug, Default, Clone)]
pub struct Summary {
    pub documents: usize,
    pub bytes_in: u64,
    pub bytes_out: u64,
    pub lines_removed: usize,
    pub errors: usize,
    /// Documents the large-removal guard flagged.
    pub flagged: usize,
    pub seconds: f64,
    /// Documents not processed because their output was up to date.
    pub skipped: usize,
    /// Records of JSON Lines streams (bad ones included), records dropped for an empty text, and
    /// bad records (not JSON, no text field, ...).
    pub records: u64,
    pub records_dropped: u64,
    pub bad_records: u64,
}

impl Summary {
    pub fn of(outcomes: &[Outcome], walk_errors: usize, seconds: f64) -> Summary {
        let mut s = Summary {
            seconds,
            errors: walk_errors,
            ..Summary::default()
        };
        for o in outcomes {
            s.documents += 1;
            s.bytes_in += o.bytes_in;
            s.bytes_out += o.bytes_out;
            s.lines_removed += o.lines_removed();
            s.errors += o.status.is_err() as usize;
            s.flagged += o.flagged as usize;
            if let Some(r) = &o.records {
                s.records += r.records;
                s.records_dropped += r.dropped_empty;
                s.bad_records += r.bad;
            }
        }
        s
    }
}

/// Works out the documents of `clean IN OUT`.
///
/// - IN a folder: every file below it (hidden ones only with `hidden`), written to the same
///   relative path under OUT. OUT must not be IN, lie inside IN, or be an existing file.
/// - IN a file: OUT is the output file, `-` for standard output, or an existing folder to write
///   the file into under its own name.
/// - IN `-`: standard input is one document (or a JSON Lines stream); OUT is a file or `-`.
pub fn plan(input: &Path, output: &Path, opts: &Options) -> Result<Plan, Error> {
    if formats::is_stdio(input) {
        return formats::plan_stdin(output);
    }
    let meta = std::fs::metadata(input)
        .map_err(|e| Error::Usage(format!("{}: cannot read input: {}", input.display(), e)))?;
    let to_stdout = output.as_os_str() == "-";
    if !meta.is_dir() {
        let name = input
            .file_name()
            .map_or_else(|| "-".into(), |n| n.to_string_lossy().into_owned());
        let dst = if to_stdout {
            Output::Stdout
        } else if output.is_dir() {
            Output::File(output.join(&name))
        } else {
            Output::File(output.to_path_buf())
        };
        if let Output::File(d) = &dst {
            if same_file(input, d) {
                return Err(Error::Usage(format!(
                    "{}: output is the input file; clean never overwrites its input",
                    d.display()
                )));
            }
        }
        return Ok(Plan {
            jobs: vec![Job {
                rel: name,
                src: input.to_path_buf(),
                dst,
            }],
            ..Plan::default()
        });
    }
    if to_stdout {
        return Err(Error::Usage(
            "OUT is `-` but IN is a folder; give an output folder".into(),
        ));
    }
    if output.exists() && !output.is_dir() {
        return Err(Error::Usage(format!(
            "{}: output exists and is not a folder",
            output.display()
        )));
    }
    let in_abs = absolute(input)?;
    let out_abs = absolute(output)?;
    if out_abs.starts_with(&in_abs) {
        return Err(Error::Usage(format!(
            "{}: output folder is the input folder or inside it; choose an OUT outside {}",
            output.display(),
            input.display()
        )));
    }

    let mut plan = Plan {
        output_missing: matches!(output.metadata(), Err(e) if e.kind() == std::io::ErrorKind::NotFound),
        ..Plan::default()
    };
    let walker = walkdir::WalkDir::new(input)
        .follow_links(opts.follow_links)
        .sort_by_file_name();
    let hidden = opts.hidden;
    let iter = walker.into_iter().filter_entry(|e| {
        e.depth() == 0
            || (hidden || !is_hidden(e.file_name())) && !staging::is_staging_name(e.file_name())
    });
    for entry in iter {
        let entry = match entry {
            Ok(e) => e,
            Err(e) => {
                let path = e
                    .path()
                    .map(Path::to_path_buf)
                    .unwrap_or_else(|| input.to_path_buf());
                let msg = if e.loop_ancestor().is_some() {
                    "symbolic link loop, not followed".to_string()
                } else {
                    e.io_error()
                        .map_or_else(|| e.to_string(), |io| io.to_string())
                };
                plan.walk_errors.push(Error::Io {
                    path,
                    source: std::io::Error::other(msg),
                });
                continue;
            }
        };
        if !entry.file_type().is_file() {
            continue;
        }
        let rel_path = entry.path().strip_prefix(input).unwrap_or(entry.path());
        let rel = rel_path
            .components()
            .filter_map(|c| match c {
                Component::Normal(s) => Some(s.to_string_lossy()),
                _ => None,
            })
            .collect::<Vec<_>>()
            .join("/");
        plan.jobs.push(Job {
            rel,
            src: entry.path().to_path_buf(),
            dst: Output::File(output.join(rel_path)),
        });
    }
    refuse_outputs_inside(&plan, output, &out_abs, &in_abs)?;
    Ok(plan)
}

/// Fails when some output folder resolves to the input folder or below it: OUT holds a symbolic
/// link into IN, or IN lies inside OUT where a subfolder of IN mirrors onto IN itself. `out_abs`
/// is [`absolute`]`(output)`.
fn refuse_outputs_inside(
    plan: &Plan,
    output: &Path,
    out_abs: &Path,
    in_abs: &Path,
) -> Result<(), Error> {
    let mut resolved = HashMap::from([(output, (out_abs.to_path_buf(), !plan.output_missing))]);
    for folder in output_folders(plan) {
        let (folder_abs, _) = resolve_below(folder, &mut resolved)?;
        if folder_abs.starts_with(in_abs) {
            return Err(Error::Usage(format!(
                "{}: output folder resolves to {}, inside the input folder; clean never writes \
                 into its input",
                folder.display(),
                folder_abs.display()
            )));
        }
    }
    Ok(())
}

/// The [`absolute`] form of `folder`, found from its parent's (looked up in or added to
/// `resolved`, with whether the folder may exist) with one `lstat`: a folder that is no symbolic
/// link, or that does not exist yet, resolves to its parent's form joined with its name. Resolving
/// every output folder from scratch would cost a `readlink` per component of each; below a folder
/// that does not exist (a first run's output), nothing exists and nothing is looked up.
fn resolve_below<'a>(
    folder: &'a Path,
    resolved: &mut HashMap<&'a Path, (PathBuf, bool)>,
) -> Result<(PathBuf, bool), Error> {
    if let Some(known) = resolved.get(folder) {
        return Ok(known.clone());
    }
    let parent = match (folder.parent(), folder.file_name()) {
        (Some(parent), Some(name)) => Some((resolve_below(parent, resolved)?, name)),
        _ => None,
    };
    let found = match parent {
        Some(((_, false), _)) => None,
        _ => Some(folder.symlink_metadata()),
    };
    let is_link = matches!(&found, Some(Ok(m)) if m.file_type().is_symlink());
    // Only a folder surely missing leaves its subfolders unlooked-at; one that cannot be looked
    // up for another reason (permissions) may be there.
    let may_exist = match &found {
        None => false,
        Some(Err(e)) => e.kind() != std::io::ErrorKind::NotFound,
        Some(Ok(_)) => true,
    };
    let folder_abs = match parent {
        Some(((parent_abs, _), name)) if !is_link => parent_abs.join(name),
        _ => absolute(folder)?,
    };
    resolved.insert(folder, (folder_abs.clone(), may_exist));
    Ok((folder_abs, may_exist))
}

/// The folders the plan writes into, each once.
fn output_folders(plan: &Plan) -> BTreeSet<&Path> {
    plan.jobs
        .iter()
        .filter_map(|j| match &j.dst {
            Output::File(p) => p.parent().filter(|p| !p.as_os_str().is_empty()),
            Output::Stdout => None,
        })
        .collect()
}

fn is_hidden(name: &std::ffi::OsStr) -> bool {
    name.to_str().is_some_and(|s| s.starts_with('.'))
}

fn same_file(a: &Path, b: &Path) -> bool {
    match (a.canonicalize(), b.canonicalize()) {
        (Ok(x), Ok(y)) => x == y,
        _ => false,
    }
}

/// The absolute, symlink-resolved form of a path that may not exist yet: its nearest existing
/// ancestor is canonicalized and the rest appended.
fn absolute(path: &Path) -> Result<PathBuf, Error> {
    let abs = if path.is_absolute() {
        path.to_path_buf()
    } else {
        std::env::current_dir()
            .map_err(|e| Error::io(".", e))?
            .join(path)
    };
    let mut missing = Vec::new();
    let mut cur = abs.as_path();
    loop {
        if let Ok(c) = cur.canonicalize() {
            let mut out = c;
            for part in missing.iter().rev() {
                out.push(part);
            }
            return Ok(out);
        }
        match (cur.parent(), cur.file_name()) {
            (Some(parent), Some(name)) => {
                missing.push(name.to_os_string());
                cur = parent;
            }
            _ => return Ok(abs),
        }
    }
}

/// Decodes a document's bytes: NUL bytes mean a binary file; invalid UTF-8 fails unless `lossy`.
pub fn decode<'a>(
    bytes: &'a [u8],
    path: &Path,
    lossy: bool,
) -> Result<std::borrow::Cow<'a, str>, Error> {
    if memchr::memchr(0, bytes).is_some() {
        return Err(Error::Binary {
            path: path.to_path_buf(),
        });
    }
    if let Ok(text) = simdutf8::basic::from_utf8(bytes) {
        return Ok(std::borrow::Cow::Borrowed(text));
    }
    // Not UTF-8: the standard check says where it stops being valid.
    match std::str::from_utf8(bytes) {
        Ok(s) => Ok(std::borrow::Cow::Borrowed(s)),
        Err(_) if lossy => Ok(String::from_utf8_lossy(bytes)),
        Err(e) => Err(Error::InvalidUtf8 {
            path: path.to_path_buf(),
            offset: e.valid_up_to(),
        }),
    }
}

/// Writes `bytes` to `dst` through a temporary file in the same folder renamed into place, so the
/// file at `dst` is always either absent, the old version, or the whole new one.
pub fn write_atomic(dst: &Path, bytes: &[u8]) -> Result<(), Error> {
    let mut tmp = staging::create_for(dst)?;
    tmp.write_all(bytes).map_err(|e| Error::io(dst, e))?;
    tmp.persist(dst).map_err(|e| Error::io(dst, e.error))?;
    Ok(())
}

/// Cleans every document of the plan in parallel and writes the outputs. Outcomes come back in
/// plan order, whatever the number of threads.
pub fn run(
    plan: &Plan,
    rules: &RuleSet,
    opts: &Options,
    progress: &dyn Progress,
) -> (Vec<Outcome>, Summary) {
    let start = Instant::now();
    let work = || -> Vec<Outcome> {
        let failed_folders = create_output_folders(plan);
        plan.jobs
            .par_iter()
            .map(|job| {
                let outcome = match &job.dst {
                    Output::File(p) => {
                        match failed_folders.iter().find(|(f, _)| p.starts_with(f)) {
                            Some((_, msg)) => Outcome::failed(
                                &job.rel,
                                format!("{}: not written: {msg}", p.display()),
                            ),
                            None => process(job, rules, opts, progress),
                        }
                    }
                    Output::Stdout => process(job, rules, opts, progress),
                };
                progress.document_done(outcome.bytes_in);
                outcome
            })
            .collect()
    };
    let outcomes = match opts.jobs {
        Some(n) => match rayon::ThreadPoolBuilder::new()
            .num_threads(n.max(1))
            .build()
        {
            Ok(pool) => pool.install(work),
            Err(_) => work(),
        },
        None => work(),
    };
    let mut summary = Summary::of(
        &outcomes,
        plan.walk_errors.len(),
        start.elapsed().as_secs_f64(),
    );
    summary.skipped = plan.skipped;
    (outcomes, summary)
}

/// Creates each output folder of the plan once, in parallel, before any document is written;
/// returns the folders that could not be created, with the error. Stale staging files can only
/// lie in folders that were already there, so only those are listed to remove them.
fn create_output_folders(plan: &Plan) -> Vec<(&Path, String)> {
    output_folders(plan)
        .into_par_iter()
        .filter_map(|f| match create_output_folder(f) {
            Ok(()) => None,
            Err(e) => Some((f, Error::io(f, e).to_string())),
        })
        .collect()
}

/// Creates one output folder and its missing parents; in a folder that was already there,
/// removes the staging files left by earlier runs that were killed.
fn create_output_folder(folder: &Path) -> std::io::Result<()> {
    match std::fs::create_dir(folder) {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists && folder.is_dir() => {
            staging::remove_stale(folder);
            Ok(())
        }
        // A missing parent; `create_dir_all` also copes with another worker creating it.
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => std::fs::create_dir_all(folder),
        Err(e) => Err(e),
    }
}

/// Reads, cleans and writes one document (or stream of records).
fn process(job: &Job, rules: &RuleSet, opts: &Options, progress: &dyn Progress) -> Outcome {
    if opts.format.format_of(&job.src) == formats::Format::Jsonl {
        return jsonl::process(job, rules, opts, progress);
    }
    let bytes = match formats::read_input(&job.src) {
        Ok(b) => b,
        Err(e) => return Outcome::failed(&job.rel, e.to_string()),
    };
    let text = match decode(&bytes, &job.src, opts.lossy) {
        Ok(t) => t,
        Err(e) => {
            return Outcome {
                bytes_in: bytes.len() as u64,
                ..Outcome::failed(&job.rel, e.to_string())
            }
        }
    };
    let cleaned = rules.clean_at(&text, Some(&job.rel));
    let flagged = opts
        .guard
        .trips(bytes.len() as u64, cleaned.text.len() as u64);
    let written = match &job.dst {
        _ if flagged && opts.guard.strict => Err(Error::LargeRemoval {
            path: job.src.clone(),
            bytes_in: bytes.len() as u64,
            bytes_out: cleaned.text.len() as u64,
        }),
        Output::File(p) => formats::write_output(p, cleaned.text.as_bytes()),
        Output::Stdout => {
            let mut out = std::io::stdout().lock();
            out.write_all(cleaned.text.as_bytes())
                .and_then(|_| out.flush())
                .map_err(|e| Error::io("-", e))
        }
    };
    let lines_out = cleaned.lines_kept();
    Outcome {
        rel: job.rel.clone(),
        bytes_in: bytes.len() as u64,
        bytes_out: cleaned.text.len() as u64,
        lines_in: lines_out + cleaned.removals.len(),
        lines_out,
        removed_by_rule: count_by_rule(cleaned.removals.iter().map(|r| (r.rule, 1))),
        removed_bytes_by_rule: count_by_rule(
            cleaned.removals.iter().map(|r| (r.rule, r.bytes as u64)),
        ),
        edited_by_rule: count_by_rule(cleaned.edits.iter().map(|e| (e.rule, 1))),
        flagged,
        status: written.map_err(|e| e.to_string()),
        records: None,
    }
}

fn count_by_rule<N: Copy + std::ops::AddAssign>(
    amounts: impl Iterator<Item = (RuleId, N)>,
) -> Vec<(RuleId, N)> {
    let mut counts: Vec<(RuleId, N)> = Vec::new();
    for (id, amount) in amounts {
        match counts.iter_mut().find(|(r, _)| *r == id) {
            Some((_, n)) => *n += amount,
            None => counts.push((id, amount)),
        }
    }
    counts.sort_by_key(|(id, _)| *id);
    counts
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Folders are resolved from their parents' forms, through a symbolic link met on the way
    /// and below it, and past folders that do not exist yet, as `absolute` resolves each alone.
    #[cfg(unix)]
    #[test]
    fn output_folders_resolve_as_each_would_alone() {
        let tmp = tempfile::tempdir().unwrap();
        let target = tmp.path().join("target");
        std::fs::create_dir_all(target.join("x")).unwrap();
        let out = tmp.path().join("out");
        std::fs::create_dir_all(out.join("real")).unwrap();
        std::os::unix::fs::symlink(&target, out.join("link")).unwrap();
        let out_abs = absolute(&out).unwrap();
        let mut resolved = HashMap::from([(out.as_path(), (out_abs.clone(), true))]);
        let folders = [
            out.join("link/x/new/deeper"),
            out.join("link/x"),
            out.join("real/new"),
            out.join("new/deeper"),
        ];
        for folder in &folders {
            let alone = absolute(folder).unwrap();
            assert_eq!(resolve_below(folder, &mut resolved).unwrap().0, alone);
        }
        let target_abs = absolute(&target).unwrap();
        assert!(resolved[out.join("link/x/new").as_path()]
            .0
            .starts_with(&target_abs));
        assert!(resolved[out.join("real/new").as_path()]
            .0
            .starts_with(&out_abs));
        // What exists is known: below a missing folder nothing is, and nothing is looked up.
        let exists = |p: &str| resolved[out.join(p).as_path()].1;
        assert!(exists("link/x") && exists("real"));
        assert!(!exists("link/x/new") && !exists("link/x/new/deeper") && !exists("new/deeper"));
    }
}

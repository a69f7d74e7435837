//! The `clean` command line: parses flags, loads and compiles the rules, hands the work to the
//! library, draws progress and the summary on stderr, and maps what happened to an exit status.
//! All cleaning logic lives in the library.

mod pipeline_args;

use std::io::IsTerminal;
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::atomic::{AtomicU64, Ordering};

use clap::{Args, Parser};
use clean::corpus::{self, Options, Progress};
use clean::{Error, RuleSet, RuleSource};

/// Exit status: everything went well.
const EXIT_OK: u8 = 0;
/// Exit status: the run finished but some documents failed (each was reported by path).
const EXIT_SOME_FAILED: u8 = 1;
/// Exit status: nothing was processed: bad rules, bad arguments, missing input.
const EXIT_USAGE: u8 = 2;

#[derive(Parser, Debug)]
#[command(
    name = "clean",
    version,
    about = "Strip site boilerplate from scraped text documents, keep the article.",
    after_help = "Exit status: 0 all documents cleaned; 1 some documents failed (each reported); \
                  2 nothing done (bad rules, bad arguments, missing input)."
)]
struct Cli {
    #[command(flatten)]
    run: RunArgs,
}

#[derive(Args, Debug)]
struct RuleArgs {
    /// Use these rule files instead of the built-in ones: a .toml file or a folder of them
    /// (repeatable).
    #[arg(long = "rules", value_name = "PATH")]
    rules: Vec<PathBuf>,
    /// Add these rule files to the built-in ones (or to --rules) (repeatable).
    #[arg(long = "add-rules", value_name = "PATH")]
    add_rules: Vec<PathBuf>,
}

#[derive(Args, Debug)]
struct RunArgs {
    /// Input: a folder of documents, or one document.
    #[arg(value_name = "IN")]
    input: PathBuf,
    /// Output: a folder (created if needed) mirroring IN; a file or `-` when IN is a file.
    #[arg(value_name = "OUT")]
    output: PathBuf,
    #[command(flatten)]
    rules: RuleArgs,
    /// Worker threads (default: one per core).
    #[arg(short = 'j', long, value_name = "N", value_parser = clap::value_parser!(u16).range(1..))]
    jobs: Option<u16>,
    /// Print nothing but errors.
    #[arg(short, long)]
    quiet: bool,
    /// Decode invalid UTF-8 with U+FFFD instead of skipping the document.
    #[arg(long)]
    lossy: bool,
    /// Also clean hidden files and folders (names starting with `.`), skipped by default.
    #[arg(long)]
    hidden: bool,
    /// Follow symbolic links (loops are reported, not followed).
    #[arg(short = 'L', long = "follow-links")]
    follow_links: bool,
    #[command(flatten)]
    pipeline: pipeline_args::PipelineArgs,
}

impl RuleArgs {
    /// The rule set these flags ask for: the built-in files unless --rules is given, plus --add-rules.
    fn load(&self) -> Result<RuleSet, Error> {
        let mut sources: Vec<RuleSource> = if self.rules.is_empty() {
            clean::builtin::sources()
        } else {
            Vec::new()
        };
        for path in self.rules.iter().chain(&self.add_rules) {
            sources.extend(RuleSet::read_sources(path)?);
        }
        Ok(RuleSet::from_sources(&sources)?)
    }
}

/// An indicatif bar on stderr, drawn only when stderr is a terminal; JSON Lines records and their
/// bytes are counted in its message.
struct Bar(indicatif::ProgressBar, AtomicU64, AtomicU64);

impl Progress for Bar {
    fn document_done(&self, _bytes: u64) {
        self.0.inc(1);
    }

    fn records_done(&self, records: u64, bytes: u64) {
        let records = self.1.fetch_add(records, Ordering::Relaxed) + records;
        let bytes = self.2.fetch_add(bytes, Ordering::Relaxed) + bytes;
        self.0.set_message(format!(
            "{} records, {}",
            indicatif::HumanCount(records),
            indicatif::HumanBytes(bytes)
        ));
    }
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(&cli.run) {
        Ok(code) => ExitCode::from(code),
        Err(e) => {
            eprintln!("clean: {e}");
            ExitCode::from(EXIT_USAGE)
        }
    }
}

fn run(args: &RunArgs) -> Result<u8, Error> {
    let rules = args.rules.load()?;
    let opts = Options {
        jobs: args.jobs.map(usize::from),
        lossy: args.lossy,
        hidden: args.hidden,
        follow_links: args.follow_links,
        format: args.pipeline.format_options()?,
    };
    let mut plan = corpus::plan(&args.input, &args.output, &opts)?;
    let rule_paths: Vec<PathBuf> = args
        .rules
        .rules
        .iter()
        .chain(&args.rules.add_rules)
        .cloned()
        .collect();
    args.pipeline.narrow(&mut plan, &rule_paths);
    for e in &plan.walk_errors {
        eprintln!("clean: {e}");
    }
    let bar = if !args.quiet && std::io::stderr().is_terminal() {
        let pb = indicatif::ProgressBar::new(plan.jobs.len() as u64);
        pb.set_style(
            indicatif::ProgressStyle::with_template(
                "{bar:40} {pos}/{len} documents  {msg}  {elapsed} (eta {eta})",
            )
            .expect("valid template"),
        );
        Some(Bar(pb, AtomicU64::new(0), AtomicU64::new(0)))
    } else {
        None
    };
    let progress: &dyn Progress = match &bar {
        Some(b) => b,
        None => &corpus::NoProgress,
    };
    let (outcomes, summary) = corpus::run(&plan, &rules, &opts, progress);
    if let Some(b) = bar {
        b.0.finish_and_clear();
    }
    for o in &outcomes {
        if let Err(msg) = &o.status {
            eprintln!("clean: {msg}");
        }
        for note in o.records.iter().flat_map(|r| &r.notes) {
            eprintln!("clean: {note}");
        }
    }
    if !args.quiet {
        let mut extra = String::new();
        if summary.records > 0 {
            extra += &format!(
                ", {} records ({} dropped empty, {} bad)",
                summary.records, summary.records_dropped, summary.bad_records
            );
        }
        if summary.skipped > 0 {
            extra += &format!(", {} skipped (up to date)", summary.skipped);
        }
        eprintln!(
            "clean: {} documents, {} -> {} bytes, {} lines removed{extra}, {} errors, {:.2} s",
            summary.documents,
            summary.bytes_in,
            summary.bytes_out,
            summary.lines_removed,
            summary.errors,
            summary.seconds
        );
    }
    Ok(if summary.errors > 0 {
        EXIT_SOME_FAILED
    } else {
        EXIT_OK
    })
}

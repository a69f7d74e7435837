//! The `clean` command line: parses flags, loads and compiles the rules, hands the work to the
//! library, draws progress and the summary on stderr, and maps what happened to an exit status.
//! All cleaning logic lives in the library; the subcommands (`explain`, `check`, `rules`) print
//! from the `cli` modules.

mod cli;

/// Compiling the rules at start-up allocates and frees millions of small blocks, and each document
/// a few dozen; mimalloc serves both far faster than the system allocator.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

use std::io::IsTerminal;
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::atomic::{AtomicU64, Ordering};

use clap::{Args, Parser, Subcommand};
use clean::corpus::{self, Options, Progress};
use clean::guard::{self, RemovalGuard};
use clean::report::Report;
use clean::{Error, RuleSet, RuleSource};

/// Exit status: everything went well.
pub(crate) const EXIT_OK: u8 = 0;
/// Exit status: the run finished but some documents failed (each was reported by path).
pub(crate) const EXIT_SOME_FAILED: u8 = 1;
/// Exit status: nothing was processed: bad rules, bad arguments, missing input.
const EXIT_USAGE: u8 = 2;

#[derive(Parser, Debug)]
#[command(
    name = "clean",
    version,
    about = "Strip site boilerplate from scraped text documents, keep the article.",
    after_help = "Exit status: 0 all documents cleaned; 1 some documents failed (each reported); \
                  2 nothing done (bad rules, bad arguments, missing input).\n\
                  An input folder named like a command (explain, check, rules, learn) is written ./NAME.",
    args_conflicts_with_subcommands = true,
    subcommand_negates_reqs = true,
    disable_help_subcommand = true
)]
struct Cli {
    #[command(subcommand)]
    command: Option<Command>,
    #[command(flatten)]
    run: RunArgs,
}

#[derive(Subcommand, Debug)]
enum Command {
    /// Show every line of one document with its fate: kept, dropped (zone and rule), or changed.
    Explain(cli::explain::ExplainArgs),
    /// Clean IN in memory and compare each document with GOLDEN/<same path>; --bless writes them.
    Check(cli::check::CheckArgs),
    /// List the active rules; --lint warns about rules that look wrong.
    Rules(cli::rules::RulesArgs),
    /// Propose rules from a corpus: lines that recur across many documents, one commented rule
    /// each, for a person to review.
    Learn(cli::learn::LearnArgs),
}

#[derive(Args, Debug)]
pub(crate) struct RuleArgs {
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
    #[arg(value_name = "IN", required = true)]
    input: Option<PathBuf>,
    /// Output: a folder (created if needed) mirroring IN; a file or `-` when IN is a file.
    #[arg(value_name = "OUT", required = true)]
    output: Option<PathBuf>,
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
    /// Write a JSON report of the run (per document and per rule) to this file.
    #[arg(long, value_name = "FILE")]
    report: Option<PathBuf>,
    /// Fail (and do not write) documents that the large-removal guard flags.
    #[arg(long)]
    strict: bool,
    /// Flag a document when cleaning removes more than this share (0..1) of its bytes.
    #[arg(long, value_name = "SHARE", default_value_t = guard::DEFAULT_MAX_SHARE,
          value_parser = parse_share)]
    max_removal: f64,
    /// Only documents larger than this many bytes are judged by the guard.
    #[arg(long, value_name = "BYTES", default_value_t = guard::DEFAULT_MIN_BYTES)]
    max_removal_above: u64,
    #[command(flatten)]
    pipeline: cli::pipeline_args::PipelineArgs,
}

fn parse_share(s: &str) -> Result<f64, String> {
    match s.parse::<f64>() {
        Ok(x) if (0.0..=1.0).contains(&x) => Ok(x),
        _ => Err(format!("`{s}` is not a share between 0 and 1")),
    }
}

impl RuleArgs {
    /// The rule set these flags ask for: the built-in files unless --rules is given, plus --add-rules.
    fn load(&self) -> Result<RuleSet, Error> {
        Ok(RuleSet::from_sources(&self.sources()?)?)
    }

    /// The rule files these flags name, read but not compiled, in load order.
    fn sources(&self) -> Result<Vec<RuleSource>, Error> {
        let mut sources: Vec<RuleSource> = if self.rules.is_empty() {
            clean::builtin::sources()
        } else {
            Vec::new()
        };
        for path in self.rules.iter().chain(&self.add_rules) {
            sources.extend(RuleSet::read_sources(path)?);
        }
        Ok(sources)
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
    let result = match &cli.command {
        None => run(&cli.run),
        Some(Command::Explain(args)) => cli::explain::run(args),
        Some(Command::Check(args)) => cli::check::run(args),
        Some(Command::Rules(args)) => cli::rules::run(args),
        Some(Command::Learn(args)) => cli::learn::run(args),
    };
    match result {
        Ok(code) => ExitCode::from(code),
        Err(e) => {
            eprintln!("clean: {e}");
            ExitCode::from(EXIT_USAGE)
        }
    }
}

fn run(args: &RunArgs) -> Result<u8, Error> {
    let opts = Options {
        jobs: args.jobs.map(usize::from),
        lossy: args.lossy,
        hidden: args.hidden,
        follow_links: args.follow_links,
        guard: RemovalGuard {
            max_share: args.max_removal,
            min_bytes: args.max_removal_above,
            strict: args.strict,
        },
        format: args.pipeline.format_options()?,
    };
    let (Some(input), Some(output)) = (&args.input, &args.output) else {
        unreachable!("clap requires IN and OUT without a subcommand")
    };
    // The rules compile on a thread of their own while the input folder is walked: both come
    // before the first document, and neither needs the other.
    let (rules, plan) = std::thread::scope(|scope| {
        let rules = scope.spawn(|| args.rules.load());
        let plan = corpus::plan(input, output, &opts);
        (
            rules
                .join()
                .unwrap_or_else(|p| std::panic::resume_unwind(p)),
            plan,
        )
    });
    let rules = rules?;
    let mut plan = plan?;
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
        } else if o.flagged && !args.quiet {
            eprintln!("{}", cli::flagged_warning(o, &opts.guard));
        }
        for note in o.records.iter().flat_map(|r| &r.notes) {
            eprintln!("clean: {note}");
        }
    }
    let report_failed = match &args.report {
        Some(path) => {
            let walk_errors = plan.walk_errors.iter().map(|e| e.to_string()).collect();
            let report = Report::build(&outcomes, &summary, &rules, walk_errors);
            let written = corpus::write_atomic(path, report.to_json().as_bytes());
            if let Err(e) = &written {
                eprintln!("clean: cannot write the report: {e}");
            }
            written.is_err()
        }
        None => false,
    };
    if !args.quiet {
        let flagged = match summary.flagged {
            0 => String::new(),
            n => format!(", {n} flagged"),
        };
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
            "clean: {} documents, {} -> {} bytes, {} lines removed{extra}, {} errors{flagged}, {:.2} s",
            summary.documents,
            summary.bytes_in,
            summary.bytes_out,
            summary.lines_removed,
            summary.errors,
            summary.seconds
        );
    }
    // The process ends here: the rule set's automata are left for the system to free, which
    // dropping them one by one would take as long as cleaning some two hundred documents.
    std::mem::forget(rules);
    Ok(if summary.errors > 0 || report_failed {
        EXIT_SOME_FAILED
    } else {
        EXIT_OK
    })
}

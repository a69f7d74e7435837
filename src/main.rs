//! The `clean` command line: parses flags, loads and compiles the rules, hands the work to the
//! library, draws progress and the summary on stderr, and maps what happened to an exit status.
//! All cleaning logic lives in the library.

use std::io::IsTerminal;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, Parser, Subcommand};
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
                  2 nothing done (bad rules, bad arguments, missing input).",
    args_conflicts_with_subcommands = true,
    subcommand_negates_reqs = true
)]
struct Cli {
    #[command(subcommand)]
    command: Option<Command>,
    #[command(flatten)]
    run: RunArgs,
}

#[derive(Subcommand, Debug)]
enum Command {
    /// Propose rules from a corpus: lines that recur across many documents, one commented rule
    /// each, for a person to review.
    Learn(LearnArgs),
}

#[derive(Args, Debug)]
struct LearnArgs {
    /// A folder of documents from one site (or several), or one document.
    #[arg(value_name = "IN")]
    input: PathBuf,
    /// Where to write the proposed rules (`-` for stdout).
    #[arg(short, long, value_name = "FILE", default_value = "rules/learned.toml")]
    output: PathBuf,
    /// Propose a line only when at least this many documents hold it.
    #[arg(long, value_name = "N", default_value_t = 3)]
    min_docs: usize,
    /// ...and at least this percentage of the documents.
    #[arg(long, value_name = "PERCENT", default_value_t = 5.0)]
    min_share: f64,
    /// Worker threads (default: one per core; the result is the same for any N).
    #[arg(short = 'j', long, value_name = "N", value_parser = clap::value_parser!(u16).range(1..))]
    jobs: Option<u16>,
    /// Decode invalid UTF-8 with U+FFFD instead of skipping the document.
    #[arg(long)]
    lossy: bool,
    /// Also read hidden files and folders.
    #[arg(long)]
    hidden: bool,
    /// Follow symbolic links.
    #[arg(short = 'L', long = "follow-links")]
    follow_links: bool,
    /// Print nothing but errors.
    #[arg(short, long)]
    quiet: bool,
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

/// An indicatif bar on stderr, drawn only when stderr is a terminal.
struct Bar(indicatif::ProgressBar);

impl Progress for Bar {
    fn document_done(&self, _bytes: u64) {
        self.0.inc(1);
    }
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match &cli.command {
        Some(Command::Learn(args)) => learn::run(args),
        None => run(&cli.run),
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
    let rules = args.rules.load()?;
    let opts = Options {
        jobs: args.jobs.map(usize::from),
        lossy: args.lossy,
        hidden: args.hidden,
        follow_links: args.follow_links,
    };
    // IN and OUT are required unless a subcommand is given, so clap has filled them in here.
    let (Some(input), Some(output)) = (&args.input, &args.output) else {
        return Err(Error::Usage("give IN and OUT; see `clean --help`".into()));
    };
    let plan = corpus::plan(input, output, &opts)?;
    for e in &plan.walk_errors {
        eprintln!("clean: {e}");
    }
    let bar = if !args.quiet && std::io::stderr().is_terminal() {
        let pb = indicatif::ProgressBar::new(plan.jobs.len() as u64);
        pb.set_style(
            indicatif::ProgressStyle::with_template(
                "{bar:40} {pos}/{len} documents  {elapsed} (eta {eta})",
            )
            .expect("valid template"),
        );
        Some(Bar(pb))
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
    }
    if !args.quiet {
        eprintln!(
            "clean: {} documents, {} -> {} bytes, {} lines removed, {} errors, {:.2} s",
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

mod learn {
    //! `clean learn IN -o FILE`: reads the corpus, proposes rules for recurring lines, writes them.

    use super::{LearnArgs, EXIT_OK, EXIT_SOME_FAILED};
    use clean::learn::{learn, read_corpus, to_toml, LearnOptions};
    use clean::Error;

    pub(super) fn run(args: &LearnArgs) -> Result<u8, Error> {
        if !(0.0..=100.0).contains(&args.min_share) {
            return Err(Error::Usage(format!(
                "--min-share {} is not a percentage between 0 and 100",
                args.min_share
            )));
        }
        let opts = LearnOptions {
            min_docs: args.min_docs,
            min_share: args.min_share / 100.0,
        };
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(args.jobs.map_or(0, usize::from))
            .build()
            .map_err(|e| Error::Usage(format!("cannot start worker threads: {e}")))?;
        let (documents, errors) =
            pool.install(|| read_corpus(&args.input, args.hidden, args.follow_links, args.lossy))?;
        for e in &errors {
            eprintln!("clean: {e}");
        }
        let findings = pool.install(|| learn(&documents, &opts));
        let toml = to_toml(&findings, documents.len(), &opts);
        if args.output.as_os_str() == "-" {
            print!("{toml}");
        } else {
            if let Some(dir) = args.output.parent().filter(|d| !d.as_os_str().is_empty()) {
                std::fs::create_dir_all(dir).map_err(|e| Error::Io {
                    path: dir.to_path_buf(),
                    source: e,
                })?;
            }
            clean::corpus::write_atomic(&args.output, toml.as_bytes())?;
        }
        if !args.quiet {
            eprintln!(
                "clean: {} documents, {} rules proposed (lines in at least {} documents), {} errors",
                documents.len(),
                findings.len(),
                opts.threshold(documents.len()),
                errors.len()
            );
        }
        Ok(if errors.is_empty() {
            EXIT_OK
        } else {
            EXIT_SOME_FAILED
        })
    }
}

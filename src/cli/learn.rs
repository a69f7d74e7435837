//! `clean learn IN -o FILE`: reads the corpus, proposes rules for recurring lines, writes them.

use crate::{EXIT_OK, EXIT_SOME_FAILED};
use clap::Args;
use clean::learn::{learn, read_corpus, to_toml, LearnOptions};
use clean::Error;
use std::path::PathBuf;

#[derive(Args, Debug)]
pub struct LearnArgs {
    /// A folder of documents from one site (or several), or one document.
    #[arg(value_name = "IN")]
    pub input: PathBuf,
    /// Where to write the proposed rules (`-` for stdout).
    #[arg(short, long, value_name = "FILE", default_value = "rules/learned.toml")]
    pub output: PathBuf,
    /// Propose a line only when at least this many documents hold it.
    #[arg(long, value_name = "N", default_value_t = 3)]
    pub min_docs: usize,
    /// ...and at least this percentage of the documents.
    #[arg(long, value_name = "PERCENT", default_value_t = 5.0)]
    pub min_share: f64,
    /// Worker threads (default: one per core; the result is the same for any N).
    #[arg(short = 'j', long, value_name = "N", value_parser = clap::value_parser!(u16).range(1..))]
    pub jobs: Option<u16>,
    /// Decode invalid UTF-8 with U+FFFD instead of skipping the document.
    #[arg(long)]
    pub lossy: bool,
    /// Also read hidden files and folders.
    #[arg(long)]
    pub hidden: bool,
    /// Follow symbolic links.
    #[arg(short = 'L', long = "follow-links")]
    pub follow_links: bool,
    /// Print nothing but errors.
    #[arg(short, long)]
    pub quiet: bool,
}

pub fn run(args: &LearnArgs) -> Result<u8, Error> {
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

//! `clean check IN GOLDEN [--bless]`: prints the library's comparison, a coloured unified diff for
//! each document that differs from (or lacks) its golden file, and a summary line on stderr. The
//! exit status is what a Makefile or CI job needs: 0 when everything matches, 1 otherwise.

use std::io::Write;
use std::path::PathBuf;

use clap::Args;
use clean::check::{check, Verdict};
use clean::corpus::Options;
use clean::Error;

use super::{with_stdout, ADDED, DROPPED, LABEL, WARNING};
use crate::{RuleArgs, EXIT_OK, EXIT_SOME_FAILED};

#[derive(Args, Debug)]
pub struct CheckArgs {
    /// The documents to clean: a folder, or one document.
    #[arg(value_name = "IN")]
    input: PathBuf,
    /// The expected outputs: a folder mirroring IN (a file when IN is a file).
    #[arg(value_name = "GOLDEN")]
    golden: PathBuf,
    #[command(flatten)]
    rules: RuleArgs,
    /// Write the cleaned output as the expected files where they differ or are missing.
    #[arg(long)]
    bless: bool,
    /// Decode invalid UTF-8 with U+FFFD instead of failing the document.
    #[arg(long)]
    lossy: bool,
    /// Also check hidden files and folders (names starting with `.`).
    #[arg(long)]
    hidden: bool,
}

pub fn run(args: &CheckArgs) -> Result<u8, Error> {
    let rules = args.rules.load()?;
    let opts = Options {
        lossy: args.lossy,
        hidden: args.hidden,
        ..Options::default()
    };
    let result = check(&args.input, &args.golden, &rules, &opts, args.bless)?;
    for e in &result.walk_errors {
        eprintln!("clean: {e}");
    }
    with_stdout(|out| {
        for d in &result.documents {
            match &d.verdict {
                Verdict::Differs { diff } if !d.blessed => print_diff(out, diff)?,
                _ => {}
            }
        }
        Ok(())
    })?;
    for d in &result.documents {
        match &d.verdict {
            Verdict::Failed(msg) => eprintln!("clean: {msg}"),
            _ if d.blessed => eprintln!("clean: wrote {}", d.golden.display()),
            Verdict::Missing => eprintln!("clean: {}: missing", d.golden.display()),
            _ => {}
        }
    }
    for rel in &result.stale {
        eprintln!(
            "clean: note: {}: no document {} in {}; not checked",
            args.golden.join(rel).display(),
            rel,
            args.input.display()
        );
    }
    let (matching, differ, missing, failed) = result.counts();
    let written = result.documents.iter().filter(|d| d.blessed).count();
    let mut summary = format!(
        "clean check: {} documents, {matching} match, {differ} differ, {missing} missing, {} errors",
        result.documents.len(),
        failed + result.walk_errors.len()
    );
    if args.bless {
        summary.push_str(&format!(", {written} written"));
    }
    if result.all_match() {
        eprintln!("{summary}");
        Ok(EXIT_OK)
    } else {
        let hint = if args.bless {
            String::new()
        } else {
            "; if the new output is right, accept it with --bless".to_string()
        };
        anstream::eprintln!("{WARNING}{summary}{WARNING:#}{hint}");
        Ok(EXIT_SOME_FAILED)
    }
}

/// Writes a unified diff with its removed, added and hunk-header lines coloured.
fn print_diff(out: &mut dyn Write, diff: &str) -> std::io::Result<()> {
    for line in diff.split_inclusive('\n') {
        let style = if line.starts_with("---") || line.starts_with("+++") {
            anstyle::Style::new().bold()
        } else if line.starts_with("@@") {
            LABEL
        } else if line.starts_with('-') {
            DROPPED
        } else if line.starts_with('+') {
            ADDED
        } else {
            anstyle::Style::new()
        };
        let body = line.strip_suffix('\n').unwrap_or(line);
        writeln!(out, "{style}{body}{style:#}")?;
    }
    Ok(())
}

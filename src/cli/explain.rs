//! `clean explain FILE`: prints every line of one document with its fate. Layout, one line each:
//! the line number, a marker (` ` kept, `-` dropped, `~` changed by an inline rule, `+` the
//! changed line as written), the zone and rule, and the text. The markers make the plain form as
//! readable as the coloured one.

use std::path::PathBuf;

use clap::Args;
use clean::explain::{explain, LineFate};
use clean::Error;

use super::{with_stdout, ADDED, CHANGED, DROPPED, LABEL};
use crate::{RuleArgs, EXIT_OK};

#[derive(Args, Debug)]
pub struct ExplainArgs {
    /// The document to explain.
    #[arg(value_name = "FILE")]
    file: PathBuf,
    #[command(flatten)]
    rules: RuleArgs,
    /// The document's path relative to the corpus root, for path-scoped rule files (default: its
    /// file name, as when it is cleaned alone).
    #[arg(long, value_name = "REL")]
    path: Option<String>,
    /// Decode invalid UTF-8 with U+FFFD instead of refusing the document.
    #[arg(long)]
    lossy: bool,
}

pub fn run(args: &ExplainArgs) -> Result<u8, Error> {
    let rules = args.rules.load()?;
    let bytes = std::fs::read(&args.file)
        .map_err(|e| Error::Usage(format!("{}: cannot read: {}", args.file.display(), e)))?;
    let text = clean::corpus::decode(&bytes, &args.file, args.lossy)?;
    let rel = args.path.clone().unwrap_or_else(|| {
        args.file
            .file_name()
            .map_or_else(String::new, |n| n.to_string_lossy().into_owned())
    });
    let explanation = explain(&rules, &text, Some(&rel));

    let label =
        |zone: clean::Zone, rule: clean::RuleId| format!("{zone} {}", rules.rule(rule).name);
    let labels: Vec<String> = explanation
        .lines
        .iter()
        .map(|l| match &l.fate {
            LineFate::Blank | LineFate::Kept => String::new(),
            LineFate::Dropped { zone, rule, .. } => label(*zone, *rule),
            LineFate::Changed { edits } => format!(
                "inline {}",
                edits
                    .iter()
                    .map(|e| rules.rule(e.rule).name.as_str())
                    .collect::<Vec<_>>()
                    .join(",")
            ),
        })
        .collect();
    let tag_width = labels.iter().map(|l| l.chars().count()).max().unwrap_or(0);
    let num_width = explanation.lines.len().max(1).to_string().len();

    with_stdout(|out| {
        for (line, tag) in explanation.lines.iter().zip(&labels) {
            let n = line.number;
            match &line.fate {
                LineFate::Blank => writeln!(out, "{LABEL}{n:>num_width$}{LABEL:#}")?,
                LineFate::Kept => writeln!(
                    out,
                    "{LABEL}{n:>num_width$}{LABEL:#}   {:tag_width$}  {}",
                    "", line.text
                )?,
                LineFate::Dropped { .. } => writeln!(
                    out,
                    "{LABEL}{n:>num_width$}{LABEL:#} {DROPPED}- {tag:tag_width$}  {}{DROPPED:#}",
                    line.text
                )?,
                LineFate::Changed { edits } => {
                    let after = edits.last().map_or("", |e| e.after.as_str());
                    writeln!(
                        out,
                        "{LABEL}{n:>num_width$}{LABEL:#} {CHANGED}~ {tag:tag_width$}  {}{CHANGED:#}",
                        line.text
                    )?;
                    writeln!(
                        out,
                        "{:num_width$} {ADDED}+ {:tag_width$}  {after}{ADDED:#}",
                        "", ""
                    )?;
                }
            }
        }
        Ok(())
    })?;
    let (kept, dropped, changed) = explanation.counts();
    eprintln!(
        "clean: {}: {} non-blank lines: {kept} kept, {dropped} dropped, {changed} changed",
        args.file.display(),
        kept + dropped + changed
    );
    Ok(EXIT_OK)
}

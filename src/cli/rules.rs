//! `clean rules [--lint [CORPUS]]`: lists the active rules (place, name, kind, pattern) so users
//! see what a run will apply, and with `--lint` prints the library's warnings about rules that
//! look wrong. The lint exits 1 when it has warnings, so it can gate CI.

use std::path::PathBuf;

use clap::Args;
use clean::corpus::Options;
use clean::lint::{self, rule_kind};
use clean::{Error, RuleSet};

use super::{with_stdout, LABEL, WARNING};
use crate::{RuleArgs, EXIT_OK, EXIT_SOME_FAILED};

#[derive(Args, Debug)]
pub struct RulesArgs {
    #[command(flatten)]
    rules: RuleArgs,
    /// Warn about duplicate names, patterns that can match an empty line, repeated patterns, and
    /// (given CORPUS) rules that never fire.
    #[arg(long)]
    lint: bool,
    /// A folder of documents (or one document) to run the rules on; only with --lint.
    #[arg(value_name = "CORPUS", requires = "lint")]
    corpus: Option<PathBuf>,
    /// Decode invalid UTF-8 in CORPUS with U+FFFD instead of passing the document over.
    #[arg(long, requires = "lint")]
    lossy: bool,
    /// Also read hidden files and folders of CORPUS.
    #[arg(long, requires = "lint")]
    hidden: bool,
}

pub fn run(args: &RulesArgs) -> Result<u8, Error> {
    if args.lint {
        return lint(args);
    }
    let rules = args.rules.load()?;
    let rows: Vec<[String; 4]> = rules
        .rules()
        .iter()
        .map(|r| {
            [
                format!("{}:{}", r.file, r.line),
                r.name.clone(),
                rule_kind(r).to_string(),
                r.pattern.clone(),
            ]
        })
        .collect();
    let width = |k: usize| rows.iter().map(|r| r[k].chars().count()).max().unwrap_or(0);
    let (w0, w1, w2) = (width(0), width(1), width(2));
    with_stdout(|out| {
        for [place, name, kind, pattern] in &rows {
            writeln!(
                out,
                "{LABEL}{place:w0$}{LABEL:#}  {name:w1$}  {kind:w2$}  {pattern}"
            )?;
        }
        Ok(())
    })?;
    Ok(EXIT_OK)
}

fn lint(args: &RulesArgs) -> Result<u8, Error> {
    let sources = args.rules.sources()?;
    let mut findings = lint::duplicate_names(&sources);
    if !findings.is_empty() {
        print_findings(&findings)?;
        eprintln!(
            "clean: {} duplicate rule names; fix them first, the other checks need a rule set \
             that compiles",
            findings.len()
        );
        return Ok(EXIT_SOME_FAILED);
    }
    let rules = RuleSet::from_sources(&sources)?;
    findings.extend(lint::check_patterns(&rules));
    let mut scope = String::new();
    if let Some(corpus) = &args.corpus {
        let opts = Options {
            lossy: args.lossy,
            hidden: args.hidden,
            ..Options::default()
        };
        let firing = lint::firing(&rules, corpus, &opts)?;
        for msg in &firing.unreadable {
            eprintln!("clean: {msg}; passed over");
        }
        findings.extend(lint::never_fired(&rules, &firing));
        scope = format!(" on {} documents", firing.documents);
    }
    findings.sort_by(|a, b| (&a.file, a.line).cmp(&(&b.file, b.line)));
    print_findings(&findings)?;
    let summary = format!(
        "clean: {} rules checked{scope}, {} warnings",
        rules.rules().len(),
        findings.len()
    );
    if findings.is_empty() {
        eprintln!("{summary}");
        Ok(EXIT_OK)
    } else {
        anstream::eprintln!("{WARNING}{summary}{WARNING:#}");
        Ok(EXIT_SOME_FAILED)
    }
}

fn print_findings(findings: &[lint::Finding]) -> Result<(), Error> {
    with_stdout(|out| {
        for f in findings {
            writeln!(
                out,
                "{LABEL}{}:{}{LABEL:#}: {WARNING}warning{WARNING:#}: rule `{}`: {}",
                f.file, f.line, f.rule, f.message
            )?;
        }
        Ok(())
    })
}

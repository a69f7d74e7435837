//! The command-line flags that fit `clean` into ML data pipelines: the input format (text or JSON
//! Lines, and how records are cleaned), shards for many machines, and incremental runs. They are
//! kept apart from the other flags so that the binary's main module stays a list of commands;
//! here they are resolved into the library's options and applied to a plan.

use std::path::PathBuf;

use clap::{Args, ValueEnum};
use clean::corpus::Plan;
use clean::formats::{Format, FormatOptions};
use clean::incremental::Freshness;
use clean::jsonl::{BadRecordPolicy, FieldPath, RecordOptions};
use clean::shard::Shard;
use clean::Error;

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum FormatArg {
    /// JSON Lines for names ending in .jsonl or .ndjson (before any .gz/.zst), text otherwise.
    Auto,
    /// One document per file.
    Text,
    /// One JSON record per line, with a text field to clean.
    Jsonl,
}

#[derive(Args, Debug)]
pub struct PipelineArgs {
    /// What the inputs hold. Files ending in .gz or .zst are read and written compressed either
    /// way; standard input is text unless `--format jsonl`.
    #[arg(long, value_enum, default_value_t = FormatArg::Auto)]
    format: FormatArg,
    /// JSON Lines: the field to clean (`key`, or `key.key` inside an object).
    #[arg(long, value_name = "FIELD", default_value = "text")]
    text_field: String,
    /// JSON Lines: leave out records whose text is empty after cleaning.
    #[arg(long)]
    drop_empty: bool,
    /// JSON Lines: add to every record this field (e.g. metadata.clean) holding the lines removed
    /// and the rules hit.
    #[arg(long, value_name = "FIELD")]
    stats_field: Option<String>,
    /// JSON Lines: leave out lines that are not records (not JSON, no text field) instead of
    /// passing them through unchanged; they are reported with their line number either way.
    #[arg(long)]
    drop_bad: bool,
    /// Redo every document, even one whose output is newer than its input, the rule files and
    /// the `clean` binary.
    #[arg(long)]
    force: bool,
    /// Clean only shard K of N (0 <= K < N): the documents whose relative path hashes (FNV-1a 64)
    /// to K modulo N. N runs with K = 0..N-1 clean every document once.
    #[arg(long, value_name = "K/N")]
    shard: Option<Shard>,
}

impl PipelineArgs {
    /// The library's format options for these flags.
    pub fn format_options(&self) -> Result<FormatOptions, Error> {
        let text_field = FieldPath::parse(&self.text_field)
            .map_err(|e| Error::Usage(format!("--text-field {e}")))?;
        let stats_field = match &self.stats_field {
            None => None,
            Some(s) => {
                let field =
                    FieldPath::parse(s).map_err(|e| Error::Usage(format!("--stats-field {e}")))?;
                if field.overlaps(&text_field) {
                    return Err(Error::Usage(format!(
                        "--stats-field `{field}` and --text-field `{text_field}` overlap; \
                         choose a field outside the text"
                    )));
                }
                Some(field)
            }
        };
        Ok(FormatOptions {
            format: match self.format {
                FormatArg::Auto => None,
                FormatArg::Text => Some(Format::Text),
                FormatArg::Jsonl => Some(Format::Jsonl),
            },
            records: RecordOptions {
                text_field,
                drop_empty: self.drop_empty,
                stats_field,
                bad_records: if self.drop_bad {
                    BadRecordPolicy::Drop
                } else {
                    BadRecordPolicy::PassThrough
                },
                ..RecordOptions::default()
            },
        })
    }

    /// Keeps in `plan` the documents of the chosen shard whose outputs need redoing; `rule_paths`
    /// are the rule files and folders in use besides the built-in ones.
    pub fn narrow(&self, plan: &mut Plan, rule_paths: &[PathBuf]) {
        if let Some(shard) = self.shard {
            shard.narrow(plan);
        }
        if !self.force {
            // The binary holds the built-in rules and the engine. If its path cannot be found,
            // the empty path has no time and nothing counts as up to date.
            let mut dependencies = vec![std::env::current_exe().unwrap_or_default()];
            dependencies.extend_from_slice(rule_paths);
            Freshness::new(&dependencies).narrow(plan);
        }
    }
}

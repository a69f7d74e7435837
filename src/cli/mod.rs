//! The subcommands of the binary beside the default `clean IN OUT`: each module turns the
//! library's structured answer (an explanation, a check, lint findings) into text on the terminal.
//! Colours come from `anstyle` and are written through `anstream`, which drops them when stdout is
//! not a terminal or `NO_COLOR` is set, so piped output is always plain.

pub mod check;
pub mod explain;
pub mod learn;
pub mod pipeline_args;
pub mod rules;

use anstyle::{AnsiColor, Style};
use clean::corpus::Outcome;
use clean::guard::{removed_share, RemovalGuard};

/// A dropped line.
pub const DROPPED: Style = AnsiColor::Red.on_default();
/// A line as an inline rule found it.
pub const CHANGED: Style = AnsiColor::Yellow.on_default();
/// A line as written, after an inline rule; an added line in a diff.
pub const ADDED: Style = AnsiColor::Green.on_default();
/// Zone and rule labels, line numbers, hunk headers.
pub const LABEL: Style = AnsiColor::Cyan.on_default();
/// Warnings.
pub const WARNING: Style = AnsiColor::Yellow.on_default().bold();

/// The stderr line for a document the large-removal guard flagged (but did not fail).
pub fn flagged_warning(o: &Outcome, guard: &RemovalGuard) -> String {
    format!(
        "clean: warning: {}: cleaning removes {:.0}% of its {} bytes (more than {:.0}% of a \
         document above {} bytes); check it with `clean explain`",
        o.rel,
        removed_share(o.bytes_in, o.bytes_out) * 100.0,
        o.bytes_in,
        guard.max_share * 100.0,
        guard.min_bytes
    )
}

/// Runs `print` on a colour-aware, locked stdout. A closed pipe (`clean explain F | head`) ends
/// the output quietly; it is not an error of the command.
pub fn with_stdout(
    print: impl FnOnce(&mut dyn std::io::Write) -> std::io::Result<()>,
) -> Result<(), clean::Error> {
    let mut out = anstream::stdout().lock();
    match print(&mut out).and_then(|()| std::io::Write::flush(&mut out)) {
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => Err(clean::Error::Io {
            path: "-".into(),
            source: e,
        }),
        _ => Ok(()),
    }
}

//! Error types of the library. Every error names the place it comes from: a rule error carries the
//! rule file and the line and column of the offending key or value, an I/O error the path it was
//! about, so that a user can go straight to the cause. The binary decides how to print them and
//! which exit status they map to; the library never exits.

use std::fmt;
use std::path::PathBuf;

/// A rule file that cannot be used: it does not parse, has an unknown key, a wrong type, a bad
/// regular expression, a duplicate rule name, or the rule set is empty.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RuleError {
    /// The rule file as the user named it (`rules/vi-news.toml`, or `<builtin>/vi-news.toml`).
    pub file: String,
    /// 1-based line and column of the problem, when it has a place in the file.
    pub place: Option<(usize, usize)>,
    /// What is wrong, in one line.
    pub message: String,
}

impl RuleError {
    pub(crate) fn new(
        file: &str,
        place: Option<(usize, usize)>,
        message: impl Into<String>,
    ) -> Self {
        RuleError {
            file: file.to_string(),
            place,
            message: message.into(),
        }
    }
}

impl fmt::Display for RuleError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.place {
            Some((line, col)) => write!(f, "{}:{}:{}: {}", self.file, line, col, self.message),
            None => write!(f, "{}: {}", self.file, self.message),
        }
    }
}

impl std::error::Error for RuleError {}

/// Everything that can go wrong in the library.
#[derive(Debug)]
pub enum Error {
    /// A rule file is unusable; nothing should be processed.
    Rule(RuleError),
    /// Reading or writing a path failed.
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    /// A document is not valid UTF-8 (and lossy decoding was not asked for).
    InvalidUtf8 { path: PathBuf, offset: usize },
    /// A document holds NUL bytes, so it is taken to be a binary file, not text.
    Binary { path: PathBuf },
    /// Cleaning would remove more of the document than the large-removal guard allows, and the
    /// guard is strict.
    LargeRemoval {
        path: PathBuf,
        bytes_in: u64,
        bytes_out: u64,
    },
    /// The command line asks for something impossible (OUT inside IN, IN missing, ...).
    Usage(String),
}

impl Error {
    pub(crate) fn io(path: impl Into<PathBuf>, source: std::io::Error) -> Self {
        Error::Io {
            path: path.into(),
            source,
        }
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Rule(e) => e.fmt(f),
            Error::Io { path, source } => write!(f, "{}: {}", path.display(), source),
            Error::InvalidUtf8 { path, offset } => write!(
                f,
                "{}: not valid UTF-8 (first bad byte at offset {}); use --lossy to decode it anyway",
                path.display(),
                offset
            ),
            Error::Binary { path } => {
                write!(f, "{}: holds NUL bytes, looks like a binary file; skipped", path.display())
            }
            Error::LargeRemoval {
                path,
                bytes_in,
                bytes_out,
            } => write!(
                f,
                "{}: cleaning would remove {:.0}% of its {} bytes ({} left); not written (--strict); \
                 see `clean explain` for the lines and rules",
                path.display(),
                crate::guard::removed_share(*bytes_in, *bytes_out) * 100.0,
                bytes_in,
                bytes_out
            ),
            Error::Usage(msg) => f.write_str(msg),
        }
    }
}

impl std::error::Error for Error {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Error::Rule(e) => Some(e),
            Error::Io { source, .. } => Some(source),
            _ => None,
        }
    }
}

impl From<RuleError> for Error {
    fn from(e: RuleError) -> Self {
        Error::Rule(e)
    }
}

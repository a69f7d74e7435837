//! How the library's errors reach Python. A rule set that cannot be used raises `RuleError` (a
//! `ValueError`), a rule file that cannot be read raises the matching `OSError` subclass; in both
//! cases the message is exactly the one the `clean` binary prints after `clean: `, so a rule file
//! debugged with the CLI reads the same from Python and back.

use pyo3::exceptions::{PyFileNotFoundError, PyOSError, PyPermissionError, PyValueError};
use pyo3::prelude::*;

pyo3::create_exception!(
    clean_rules,
    RuleError,
    PyValueError,
    "The rules cannot be used: a rule file does not parse, has an unknown key, a wrong type, a bad \
     or oversized pattern or a duplicate name, or no rules are defined. `str(err)` is the CLI's \
     `file:line:col: reason`; `file`, `line`, `column` and `reason` hold its parts (`line` and \
     `column` are None when the problem has no place in the file)."
);

/// The Python exception for a library error, with the CLI's message.
pub(crate) fn to_py(py: Python<'_>, error: clean::Error) -> PyErr {
    match error {
        clean::Error::Rule(e) => rule_error(py, &e),
        clean::Error::Io { ref source, .. } => {
            let message = error.to_string();
            match source.kind() {
                std::io::ErrorKind::NotFound => PyFileNotFoundError::new_err(message),
                std::io::ErrorKind::PermissionDenied => PyPermissionError::new_err(message),
                _ => PyOSError::new_err(message),
            }
        }
        // Loading rules fails this way only for a folder without rule files, a rules problem
        // (the CLI's exit status 2), so it is raised as one.
        other => {
            let message = other.to_string();
            with_parts(py, RuleError::new_err(message.clone()), None, None, message)
        }
    }
}

/// `RuleError` for a rule error, its message and parts taken from it.
pub(crate) fn rule_error(py: Python<'_>, e: &clean::RuleError) -> PyErr {
    with_parts(
        py,
        RuleError::new_err(e.to_string()),
        Some(e.file.clone()),
        e.place,
        e.message.clone(),
    )
}

/// Sets `file`, `line`, `column` and `reason` on the exception value of `err`.
fn with_parts(
    py: Python<'_>,
    err: PyErr,
    file: Option<String>,
    place: Option<(usize, usize)>,
    reason: String,
) -> PyErr {
    let value = err.value(py);
    let set = || -> PyResult<()> {
        value.setattr("file", file)?;
        value.setattr("line", place.map(|p| p.0))?;
        value.setattr("column", place.map(|p| p.1))?;
        value.setattr("reason", reason)
    };
    match set() {
        Ok(()) => err,
        Err(e) => e,
    }
}
